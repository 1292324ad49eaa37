"""Security schemes of OpenAPI/Swagger documents <-> API Gateway authorizers.

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from cognigate.apigw.model import Authorizer, Method
from cognigate.core import ids

AUTHORIZER_EXT = "x-amazon-apigateway-authorizer"
AUTHTYPE_EXT = "x-amazon-apigateway-authtype"
_TYPES = {"cognito_user_pools": "COGNITO_USER_POOLS", "token": "TOKEN", "request": "REQUEST"}
_DEFAULT_TTL = 300


def as_map(value: object) -> Mapping[str, object]:
    return value if isinstance(value, Mapping) else {}


def as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def opt_str(value: object) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class SecuritySchemes:
    """The document's schemes: authorizers by scheme name, and API-key schemes."""

    authorizers: dict[str, Authorizer]
    api_key_schemes: frozenset[str]
    iam_schemes: frozenset[str]


def _authorizer(name: str, scheme: Mapping[str, object]) -> Authorizer | None:
    ext = as_map(scheme.get(AUTHORIZER_EXT))
    kind = _TYPES.get(str(ext.get("type", "")).lower())
    if kind is None:
        return None
    header = str(scheme.get("name") or "Authorization")
    source = opt_str(ext.get("identitySource")) or f"method.request.header.{header}"
    ttl = ext.get("authorizerResultTtlInSeconds")
    return Authorizer(
        id=ids.short_id(),
        name=name,
        type=kind,
        provider_arns=tuple(str(a) for a in as_list(ext.get("providerARNs"))) or None,
        auth_type=opt_str(scheme.get(AUTHTYPE_EXT))
        or ("custom" if kind != "COGNITO_USER_POOLS" else None),
        authorizer_uri=opt_str(ext.get("authorizerUri")),
        authorizer_credentials=opt_str(ext.get("authorizerCredentials")),
        identity_source=source,
        identity_validation_expression=opt_str(ext.get("identityValidationExpression")),
        authorizer_result_ttl_in_seconds=(
            int(str(ttl))
            if ttl is not None
            else (None if kind == "COGNITO_USER_POOLS" else _DEFAULT_TTL)
        ),
    )


def read_schemes(schemes: Mapping[str, object]) -> SecuritySchemes:
    """Authorizers and API-key schemes from ``securitySchemes``/``securityDefinitions``."""
    authorizers: dict[str, Authorizer] = {}
    api_keys: set[str] = set()
    iam: set[str] = set()
    for name, raw in schemes.items():
        scheme = as_map(raw)
        authorizer = _authorizer(name, scheme)
        if authorizer is not None:
            authorizers[name] = authorizer
        elif str(scheme.get(AUTHTYPE_EXT, "")).lower() == "awssigv4":
            iam.add(name)
        elif scheme.get("type") == "apiKey":
            api_keys.add(name)
    return SecuritySchemes(authorizers, frozenset(api_keys), frozenset(iam))


def apply_security(method: Method, security: list[object], schemes: SecuritySchemes) -> Method:
    """``method`` with the authorization the operation's ``security`` requirement names."""
    for requirement in security:
        for name, scopes in as_map(requirement).items():
            if name in schemes.authorizers:
                authorizer = schemes.authorizers[name]
                kind = "COGNITO_USER_POOLS" if authorizer.type == "COGNITO_USER_POOLS" else "CUSTOM"
                found = tuple(str(s) for s in as_list(scopes)) or None
                method = replace(
                    method,
                    authorization_type=kind,
                    authorizer_id=authorizer.id,
                    authorization_scopes=found if kind == "COGNITO_USER_POOLS" else None,
                )
            elif name in schemes.api_key_schemes:
                method = replace(method, api_key_required=True)
            elif name in schemes.iam_schemes:
                method = replace(method, authorization_type="AWS_IAM")
    return method


def export_scheme(authorizer: Authorizer) -> dict[str, object]:
    """The security scheme that re-imports as ``authorizer``."""
    source = authorizer.identity_source or "method.request.header.Authorization"
    header = source.rsplit(".", 1)[-1] if source.startswith("method.request.header.") else "Unused"
    ext: dict[str, object] = {"type": authorizer.type.lower()}
    if authorizer.provider_arns:
        ext["providerARNs"] = list(authorizer.provider_arns)
    for key, value in (
        ("authorizerUri", authorizer.authorizer_uri),
        ("authorizerCredentials", authorizer.authorizer_credentials),
        ("identityValidationExpression", authorizer.identity_validation_expression),
        ("authorizerResultTtlInSeconds", authorizer.authorizer_result_ttl_in_seconds),
    ):
        if value is not None:
            ext[key] = value
    if authorizer.type == "REQUEST":
        ext["identitySource"] = source
    return {
        "type": "apiKey",
        "name": header,
        "in": "header",
        AUTHTYPE_EXT: authorizer.auth_type or authorizer.type.lower(),
        AUTHORIZER_EXT: ext,
    }
