"""The hosted UI's stylesheet, and a pool's SetUICustomization CSS and logo."""

from __future__ import annotations

from importlib import resources

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from cognigate.identity.service import IdentityService
from cognigate.identity.ui_customization import image_type

_CSS_HEADERS = {"cache-control": "no-cache", "x-content-type-options": "nosniff"}


def _builtin_css() -> bytes:
    return resources.files("cognigate.oauth.hosted_ui").joinpath("static/hosted.css").read_bytes()


async def hosted_css(_: Request) -> Response:
    return Response(_builtin_css(), media_type="text/css", headers=_CSS_HEADERS)


async def _customization(
    request: Request, identity: IdentityService
) -> tuple[str | None, bytes | None]:
    pool_id = await run_in_threadpool(identity.oauth.pool_id_of, request.path_params["domain"])
    if pool_id is None:
        return None, None
    client_id = request.query_params.get("client_id") or None
    try:
        custom = await run_in_threadpool(identity.ui.get, pool_id, client_id)
    except Exception:
        return None, None
    return (custom.css, custom.image) if custom else (None, None)


async def custom_css(request: Request, identity: IdentityService) -> Response:
    css, _ = await _customization(request, identity)
    return Response((css or "").encode(), media_type="text/css", headers=_CSS_HEADERS)


async def logo(request: Request, identity: IdentityService) -> Response:
    _, image = await _customization(request, identity)
    if image is None:
        return Response(b"", status_code=404, headers=_CSS_HEADERS)
    return Response(image, media_type=image_type(image), headers=_CSS_HEADERS)
