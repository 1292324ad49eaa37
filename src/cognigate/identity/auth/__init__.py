"""Cognito sign-in: auth flows, challenges, token issuance and access-token checks.

https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow.html
"""
