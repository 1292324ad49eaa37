"""A stage's page: invoke URL, stage variables (add, edit, delete) and stage settings.

Every edit is a list of UpdateStage patch operations handed to the same domain call the AWS
API uses. https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateStage.html
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from starlette.responses import Response

from cognigate.apigw.patch import PatchOp
from cognigate.apigw.stage_model import MethodSetting, Stage
from cognigate.console.context import Handler, Page, error_text, html_error
from cognigate.console.views.apis import invoke_url
from cognigate.core.errors import AwsError

#: the stage-wide method settings key (``/*/*/...`` patch paths)
ALL_METHODS = "*/*"
CACHE_SIZES = ("0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237")
LOG_LEVELS = ("OFF", "ERROR", "INFO")


@dataclass(frozen=True, slots=True)
class Setting:
    """One form field of the stage settings and the UpdateStage path it edits."""

    name: str
    path: str
    read: Callable[[Stage, MethodSetting], object]
    flag: bool = False
    removable: bool = False


def _access(stage: Stage, member: str) -> object:
    return getattr(stage.access_log_settings, member) if stage.access_log_settings else None


SETTINGS: tuple[Setting, ...] = (
    Setting("description", "/description", lambda s, _: s.description, removable=True),
    Setting(
        "cache_cluster_enabled",
        "/cacheClusterEnabled",
        lambda s, _: s.cache_cluster_enabled,
        flag=True,
    ),
    Setting("cache_cluster_size", "/cacheClusterSize", lambda s, _: s.cache_cluster_size),
    Setting("rate_limit", "/*/*/throttling/rateLimit", lambda _, m: m.throttling_rate_limit),
    Setting("burst_limit", "/*/*/throttling/burstLimit", lambda _, m: m.throttling_burst_limit),
    Setting("caching_enabled", "/*/*/caching/enabled", lambda _, m: m.caching_enabled, flag=True),
    Setting("cache_ttl", "/*/*/caching/ttlInSeconds", lambda _, m: m.cache_ttl_in_seconds),
    Setting("metrics_enabled", "/*/*/metrics/enabled", lambda _, m: m.metrics_enabled, flag=True),
    Setting("logging_level", "/*/*/logging/loglevel", lambda _, m: m.logging_level or "OFF"),
    Setting("data_trace", "/*/*/logging/dataTrace", lambda _, m: m.data_trace_enabled, flag=True),
    Setting("tracing_enabled", "/tracingEnabled", lambda s, _: s.tracing_enabled, flag=True),
    Setting(
        "access_log_destination",
        "/accessLogSettings/destinationArn",
        lambda s, _: _access(s, "destination_arn"),
        removable=True,
    ),
    Setting(
        "access_log_format",
        "/accessLogSettings/format",
        lambda s, _: _access(s, "format"),
        removable=True,
    ),
)


def _shown(value: object) -> str:
    """A stored value as the form shows it (``10000.0`` as ``10000``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def form_values(stage: Stage) -> dict[str, str]:
    """Each setting's current value, as the form shows it."""
    defaults = stage.method_settings.get(ALL_METHODS) or MethodSetting()
    return {s.name: _shown(s.read(stage, defaults)) for s in SETTINGS}


_ACCESS_LOG = ("access_log_destination", "access_log_format")


def settings_ops(stage: Stage, page: Page) -> list[PatchOp]:
    """The patch operations that turn the stage's settings into the submitted ones."""
    current = form_values(stage)
    ops: list[PatchOp] = []
    for setting in SETTINGS:
        given = _shown(page.checked(setting.name)) if setting.flag else page.value(setting.name)
        if given == current[setting.name]:
            continue
        if not given and setting.removable:
            ops.append(PatchOp("remove", setting.path))
        else:
            ops.append(PatchOp("replace", setting.path, given))
    if stage.access_log_settings is not None and not any(page.value(n) for n in _ACCESS_LOG):
        # Clearing both access-log fields turns access logging off, as the AWS console does.
        ops = [op for op in ops if not (op.path or "").startswith("/accessLogSettings/")]
        ops.append(PatchOp("remove", "/accessLogSettings"))
    return ops


async def _render(page: Page, status: int = 200, error: str | None = None) -> Response:
    api_id = page.request.path_params["api_id"]
    name = page.request.path_params["stage"]
    apigw = page.console.apigw
    try:
        api = await page.call(apigw.rest_apis.get, api_id)
        stage = await page.call(apigw.stages.get, api_id, name)
        stages = await page.call(apigw.stages.list, api_id)
    except AwsError as problem:
        return page.finish(html_error(error_text(problem), 404))
    return page.render(
        "stage.html",
        status=status,
        api=api,
        stage=stage,
        stages=stages,
        invoke_url=invoke_url(page.console.base_url, api_id, name),
        values=form_values(stage),
        cache_sizes=CACHE_SIZES,
        log_levels=LOG_LEVELS,
        error=error,
    )


async def stage_page(page: Page) -> Response:
    return await _render(page)


async def _update(page: Page, ops: Sequence[PatchOp], notice: str, name: str) -> Response:
    """UpdateStage with ``ops``; AWS's error re-renders the (unchanged) stage with status 400."""
    api_id = page.request.path_params["api_id"]
    stage = page.request.path_params["stage"]
    if ops:
        try:
            await page.call(page.console.apigw.stages.update, api_id, stage, ops)
        except AwsError as error:
            return await _render(page, 400, error_text(error))
    back = f"/console/apis/{api_id}/stages/{quote(stage, safe='')}"
    return page.redirect(back, notice=notice, name=name)


async def variable_save(page: Page) -> Response:
    name = page.value("name")
    if page.value("action") == "delete":
        return await _update(
            page, [PatchOp("remove", f"/variables/{name}")], "variable-deleted", name
        )
    op = PatchOp("replace", f"/variables/{name}", page.value("value"))
    return await _update(page, [op], "variable-saved", name)


async def settings_save(page: Page) -> Response:
    api_id = page.request.path_params["api_id"]
    name = page.request.path_params["stage"]
    try:
        stage = await page.call(page.console.apigw.stages.get, api_id, name)
    except AwsError as error:
        return page.finish(html_error(error_text(error), 404))
    return await _update(page, settings_ops(stage, page), "stage-updated", name)


def routes() -> list[tuple[str, Handler, list[str]]]:
    base = "/apis/{api_id}/stages/{stage}"
    return [
        (base, stage_page, ["GET"]),
        (base + "/variables", variable_save, ["POST"]),
        (base + "/settings", settings_save, ["POST"]),
    ]
