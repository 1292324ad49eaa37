"""Deploy API (the deploy page: stage choice and description) and the API's stages list.

https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-deployments.html
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.responses import Response

from cognigate.apigw.deployments import NewDeployment
from cognigate.console.context import Handler, Page, error_text, html_error
from cognigate.console.views.apis import invoke_url
from cognigate.core.errors import AwsError

NEW_STAGE = "__new__"


async def _deploy_page(page: Page, status: int = 200, error: str | None = None) -> Response:
    api_id = page.request.path_params["api_id"]
    apigw = page.console.apigw
    try:
        api = await page.call(apigw.rest_apis.get, api_id)
        stages = await page.call(apigw.stages.list, api_id)
    except AwsError as problem:
        return page.finish(html_error(error_text(problem), 404))
    return page.render(
        "deploy.html", status=status, api=api, stages=stages, error=error, form=page.form
    )


async def deploy_form(page: Page) -> Response:
    return await _deploy_page(page)


async def deploy(page: Page) -> Response:
    api_id = page.request.path_params["api_id"]
    apigw = page.console.apigw
    stage = page.value("stage")
    if stage == NEW_STAGE:
        stage = page.value("new_stage")
        if not stage:
            return await _deploy_page(page, 400, "Enter a stage name for the new stage.")
    try:
        api = await page.call(apigw.rest_apis.get, api_id)
        await page.call(
            apigw.deployments.create,
            api_id,
            NewDeployment(stage_name=stage, description=page.value("description") or None),
        )
    except AwsError as error:
        return await _deploy_page(page, 400, error_text(error))
    message = (
        f"Successfully created deployment for {api.name}. This deployment is active for {stage}."
    )
    return page.redirect(
        f"/console/apis/{api_id}/stages/{quote(stage, safe='')}", notice="deployed", name=message
    )


async def stages_page(page: Page) -> Response:
    api_id = page.request.path_params["api_id"]
    apigw = page.console.apigw
    try:
        api = await page.call(apigw.rest_apis.get, api_id)
        stages = await page.call(apigw.stages.list, api_id)
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    urls = {s.stage_name: invoke_url(page.console.base_url, api_id, s.stage_name) for s in stages}
    return page.render("stages.html", api=api, stages=stages, urls=urls, stages_page=True)


def routes() -> list[tuple[str, Handler, list[str]]]:
    return [
        ("/apis/{api_id}/deploy", deploy_form, ["GET"]),
        ("/apis/{api_id}/deploy", deploy, ["POST"]),
        ("/apis/{api_id}/stages", stages_page, ["GET"]),
    ]
