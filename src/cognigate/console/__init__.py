"""The web console: server-rendered pages over the same domain operations as the AWS API."""
