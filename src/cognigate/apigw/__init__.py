"""API Gateway (REST, v1) control-plane domain: the rules of AWS's ``apigateway`` API.

https://docs.aws.amazon.com/apigateway/latest/api/API_Operations.html
Plain Python; collaborators arrive as the Protocols in :mod:`cognigate.apigw.ports`.
"""
