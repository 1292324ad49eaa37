"""Starlette glue for a pool's JWKS and OIDC discovery document."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from cognigate.identity.service import IdentityService
from cognigate.oauth.discovery import discovery_document

_HEADERS = {"access-control-allow-origin": "*", "cache-control": "public, max-age=300"}


def _not_found(pool_id: str) -> Response:
    return JSONResponse(
        {"message": f"User pool {pool_id} does not exist."}, status_code=404, headers=_HEADERS
    )


async def jwks(request: Request, identity: IdentityService) -> Response:
    pool_id = request.path_params["pool_id"]
    keys = await run_in_threadpool(identity.keys.jwks, pool_id)
    if keys is None:
        return _not_found(pool_id)
    return JSONResponse(keys, headers=_HEADERS)


async def discovery(request: Request, identity: IdentityService, base_url: str) -> Response:
    pool_id = request.path_params["pool_id"]
    if not await run_in_threadpool(identity.pools.exists, pool_id):
        return _not_found(pool_id)
    domain = await run_in_threadpool(identity.domains.for_pool, pool_id)
    document = discovery_document(
        issuer=identity.keys.issuer(pool_id),
        base_url=base_url,
        pool_id=pool_id,
        domain=domain.domain if domain else None,
    )
    return JSONResponse(document, headers=_HEADERS)
