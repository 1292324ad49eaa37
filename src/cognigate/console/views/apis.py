"""API Gateway pages (REST APIs list; the rest arrives with the data plane)."""

from __future__ import annotations

from starlette.responses import Response

from cognigate.console.context import Handler, Page


async def api_list(page: Page) -> Response:
    apis = []
    if page.console.apigw is not None:
        apis = (await page.call(page.console.apigw.rest_apis.list, None, 500)).items
    return page.render("apis.html", apis=apis)


def routes() -> list[tuple[str, Handler, list[str]]]:
    return [("/apis", api_list, ["GET"])]
