"""Starlette glue for a user import job's pre-signed URL: ``PUT`` of the CSV file, as S3 takes it.

https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-creating-import-job.html
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from cognigate.identity.service import IdentityService
from cognigate.identity.user_import import MAX_CSV_BYTES, UploadRefused


def _refused(message: str) -> Response:
    # AWS parity: S3 answers a refused pre-signed PUT with 403 and an XML error.
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>AccessDenied</Code><Message>{escape(message)}</Message></Error>"
    )
    return Response(body, status_code=403, media_type="application/xml")


async def upload(request: Request, identity: IdentityService) -> Response:
    """``PUT BASE/_cognigate/user-import/<jobId>?expires=...&signature=...``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_CSV_BYTES:
        return _refused("Your proposed upload exceeds the maximum allowed size")
    body = await request.body()
    try:
        await run_in_threadpool(
            identity.user_import.upload_csv,
            request.path_params["job_id"],
            request.query_params.get("expires", ""),
            request.query_params.get("signature", ""),
            body,
        )
    except UploadRefused as refused:
        return _refused(str(refused))
    return Response(status_code=200)


def routes(identity: IdentityService) -> list[Route]:
    """The pre-signed URL route of every import job."""

    async def put(request: Request) -> Response:
        return await upload(request, identity)

    return [Route("/_cognigate/user-import/{job_id}", put, methods=["PUT"])]
