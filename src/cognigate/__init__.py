"""cognigate: a self-hostable, AWS-compatible Cognito User Pools + API Gateway (REST)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
