"""Cognito user-pool domain: the rules of pools, clients, users and sign-in; plain Python."""
