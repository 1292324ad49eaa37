"""The console's landing page and the outbox."""

from __future__ import annotations

from starlette.responses import Response

from cognigate.console.context import Handler, Page
from cognigate.identity.outbox import OutboxQuery


async def home(page: Page) -> Response:
    pools = await page.call(page.console.identity.pools.list, 60, None)
    return page.render("home.html", pools=pools.items)


async def outbox(page: Page) -> Response:
    query = OutboxQuery(
        pool_id=page.request.query_params.get("pool_id") or None,
        username=page.request.query_params.get("username") or None,
        limit=200,
    )
    messages = await page.call(page.console.identity.outbox.list_messages, query)
    return page.render("outbox.html", messages=messages)


def routes() -> list[tuple[str, Handler, list[str]]]:
    return [("/", home, ["GET"]), ("/outbox", outbox, ["GET"])]
