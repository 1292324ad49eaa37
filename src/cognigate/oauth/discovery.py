"""The OIDC discovery document of a pool (OpenID Connect Discovery 1.0, §3).

https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
"""

from __future__ import annotations


def discovery_document(
    *, issuer: str, base_url: str, pool_id: str, domain: str | None
) -> dict[str, object]:
    """Cognito's members, alphabetically ordered as AWS serves them; hosted-UI endpoints are
    listed once the pool has a domain."""
    base = base_url.rstrip("/")
    document: dict[str, object] = {
        "id_token_signing_alg_values_supported": ["RS256"],
        "issuer": issuer,
        "jwks_uri": f"{base}/{pool_id}/.well-known/jwks.json",
        "response_types_supported": ["code", "token"],
        "scopes_supported": ["openid", "email", "phone", "profile"],
        "subject_types_supported": ["public"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
    }
    if domain is not None:
        hosted = f"{base}/auth/{domain}"
        document |= {
            "authorization_endpoint": f"{hosted}/oauth2/authorize",
            "end_session_endpoint": f"{hosted}/logout",
            "revocation_endpoint": f"{hosted}/oauth2/revoke",
            "token_endpoint": f"{hosted}/oauth2/token",
            "userinfo_endpoint": f"{hosted}/oauth2/userInfo",
        }
    return dict(sorted(document.items()))
