"""Composition root: builds storage, domain services, protocol endpoints and the ASGI app."""

from __future__ import annotations

import json
import logging
import os
import secrets
import sys
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import uvicorn
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route

from cognigate import __version__
from cognigate.apigw.context import Scope as ApigwScope
from cognigate.apigw.lab import ensure_lab_api
from cognigate.apigw.service import ApiGatewayService
from cognigate.config import Settings, from_mapping
from cognigate.console.context import Console
from cognigate.console.routes import admin_allowed, console_router
from cognigate.console.security import SessionSigner, needs_password
from cognigate.core.clock import Clock, SystemClock
from cognigate.functions import FunctionInvocationError, FunctionNotFound, FunctionRuntime
from cognigate.gateway import ports as gateway_ports
from cognigate.gateway.changes import ApiChanges
from cognigate.gateway.pipeline import Gateway
from cognigate.gateway.runtime import Runtime as GatewayRuntime
from cognigate.identity.outbox import OutboxQuery
from cognigate.identity.service import IdentityService
from cognigate.identity.triggers import Event, FunctionError
from cognigate.init_file import provision as provision_init_file
from cognigate.oauth.host import HostedDomainMiddleware
from cognigate.oauth.oidc_http import HttpOidcClient
from cognigate.oauth.routes import routes as hosted_ui_routes
from cognigate.protocol.json11 import Json11Endpoint
from cognigate.protocol.restjson import RestJsonEndpoint
from cognigate.protocol.sigv4 import SigV4Verifier, parse_keys
from cognigate.protocol.spec import ServiceSpec
from cognigate.protocol.strict import Endpoint, SignedJson11, SignedRestJson
from cognigate.protocol.validate import TypeMismatch, validate_input, validation_message
from cognigate.providers import apigateway as apigateway_providers
from cognigate.providers import cognito_idp
from cognigate.providers.apigateway.user_pools import IdentityUserPools
from cognigate.storage import migrate as migrations
from cognigate.storage.engine import database_url, is_sqlite, make_engine
from cognigate.storage.repositories.apigw_usage import SqlUsageMeter
from cognigate.storage.secrets import instance_secret
from cognigate.storage.uow import SqlIdentityUnitOfWork
from cognigate.storage.uow_apigw import SqlApigwUnitOfWork
from cognigate.web import aws, execute_api, oidc, user_import
from cognigate.web import restjson as apigw_web
from cognigate.web.header_spelling import SpellingHttpToolsProtocol

logger = logging.getLogger("cognigate")

_SETTINGS_ENV = "COGNIGATE_SETTINGS_JSON"


@dataclass(frozen=True, slots=True)
class Components:
    """Everything built from the settings; handed to the routes."""

    settings: Settings
    engine: Engine
    identity: IdentityService
    cognito: Endpoint
    apigateway: ApiGatewayService
    apigateway_endpoint: Endpoint
    #: the ``--functions DIR`` runtime (Lambda authorizers and AWS_PROXY integrations use it)
    functions: FunctionRuntime | None = None
    #: the API Gateway data plane (invoke URLs, TestInvokeMethod/Authorizer)
    gateway: Gateway | None = None
    #: the botocore models the endpoints check requests against, by service name
    specs: Mapping[str, ServiceSpec] = field(default_factory=dict)


class GatewayPoolKeys:
    """Identity's signing keys as the data plane's ``PoolKeys`` port."""

    def __init__(self, identity: IdentityService) -> None:
        self._identity = identity

    def keys_for(self, pool_id: str) -> gateway_ports.PoolKeySet | None:
        keys = self._identity.keys.signing_keys(pool_id)
        if keys is None:
            return None
        issuer = self._identity.keys.issuer(pool_id)
        return gateway_ports.PoolKeySet(issuer, {key.kid: key for key in keys})


class GatewayFunctions:
    """The function runtime as the data plane's ``FunctionInvoker`` (run off the event loop)."""

    def __init__(self, runtime: FunctionRuntime) -> None:
        self.runtime = runtime

    async def invoke(self, target: str, event: object) -> object:
        try:
            return await run_in_threadpool(self.runtime.invoke_payload, target, event)
        except FunctionNotFound as error:
            raise gateway_ports.FunctionNotFound(target) from error
        except FunctionInvocationError as error:
            raise gateway_ports.FunctionError(error.message, error.error_type) from error


def build_gateway(
    parts: tuple[Settings, Engine, Clock],
    identity: IdentityService,
    apigateway: ApiGatewayService,
    functions: FunctionRuntime | None,
) -> Gateway:
    """The data plane, reading deployments through the API Gateway storage.

    Usage-plan quotas are always counted in the database; throttle buckets move there too when
    several processes serve it (PostgreSQL, or ``--workers`` above 1).
    """
    settings, engine, clock = parts
    meter = SqlUsageMeter(engine, clock)
    shared = not is_sqlite(engine) or settings.workers > 1
    runtime = GatewayRuntime(
        clock=clock,
        pool_keys=GatewayPoolKeys(identity),
        uow=apigateway.scope.uow,
        account_id=settings.account_id,
        region=settings.region,
        functions=GatewayFunctions(functions) if functions else gateway_ports.NoFunctions(),
        meter=meter,
        shared_buckets=meter if shared else None,
    )
    return Gateway(runtime)


class TriggerFunctions:
    """The function runtime as identity's ``FunctionInvoker``: its errors become FunctionError."""

    def __init__(self, runtime: FunctionRuntime) -> None:
        self.runtime = runtime

    def invoke(self, function: str, event: Event) -> Event:
        try:
            return self.runtime.invoke(function, event)
        except FunctionInvocationError as error:
            raise FunctionError(str(error)) from error


def function_runtime(settings: Settings, clock: Clock) -> FunctionRuntime | None:
    """The ``--functions DIR`` runtime, if a directory was given."""
    if settings.functions is None:
        return None
    return FunctionRuntime(
        settings.functions, region=settings.region, account_id=settings.account_id, clock=clock
    )


#: botocore (>= 1.31) reads ``AWS_ENDPOINT_URL_<service id>``: where a local function's
#: ``boto3.client("cognito-idp")`` / ``boto3.client("apigateway")`` go without ``endpoint_url``
FUNCTION_ENDPOINT_VARIABLES = (
    "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
    "AWS_ENDPOINT_URL_API_GATEWAY",
)
#: any of these means the user configured AWS credentials of their own
_CREDENTIAL_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
)


def _has_credentials(environ: Mapping[str, str], home: Path) -> bool:
    """Whether AWS credentials may be configured (variables, or a shared credentials/config
    file); checked without any network call, so it errs on the side of "configured"."""
    if any(environ.get(name) for name in _CREDENTIAL_VARIABLES):
        return True
    files = (
        environ.get("AWS_SHARED_CREDENTIALS_FILE") or str(home / ".aws" / "credentials"),
        environ.get("AWS_CONFIG_FILE") or str(home / ".aws" / "config"),
    )
    return any(Path(name).is_file() for name in files)


def function_environment(
    settings: Settings, environ: Mapping[str, str], home: Path
) -> dict[str, str]:
    """The variables to add to the process so that local functions (``--functions DIR``), which
    run in it, reach this server with boto3: the service endpoints, a region and dummy
    credentials, each only where the user has not set one."""
    if settings.functions is None:
        return {}
    # the local address, not --public-url: a function runs on this machine
    local = replace(settings, public_url=None).base_url
    wanted = dict.fromkeys(FUNCTION_ENDPOINT_VARIABLES, local)
    if not environ.get("AWS_REGION") and not environ.get("AWS_DEFAULT_REGION"):
        wanted |= {"AWS_REGION": settings.region, "AWS_DEFAULT_REGION": settings.region}
    if not _has_credentials(environ, home):
        # any signature passes by default (botocore only needs something to sign with); in
        # strict mode the functions sign with the first configured key
        akid, secret = next(
            iter(parse_keys(settings.aws_credentials or "cognigate:cognigate").items())
        )
        wanted |= {"AWS_ACCESS_KEY_ID": akid, "AWS_SECRET_ACCESS_KEY": secret}
    return {name: value for name, value in wanted.items() if not environ.get(name)}


def strict_verifier(settings: Settings, clock: Clock) -> SigV4Verifier | None:
    """``--aws-credentials``: the SigV4 check of strict mode, or ``None`` (any signature)."""
    if not settings.aws_credentials:
        return None
    return SigV4Verifier(keys=parse_keys(settings.aws_credentials), clock=clock.now)


#: the error code AWS's front end answers for a request that breaks the input constraints
VALIDATION_ERROR_CODES = {
    "cognito-idp": "InvalidParameterException",
    "apigateway": "ValidationException",
}


class SpecInputCheck:
    """The console's ``InputCheck``: wire-format params checked against the botocore models,
    as the endpoints check an API request before the domain is called."""

    def __init__(self, specs: Mapping[str, ServiceSpec]) -> None:
        self._specs = specs

    def __call__(self, service: str, operation: str, params: Mapping[str, object]) -> str | None:
        spec = self._specs.get(service)
        if spec is None or not spec.has_operation(operation):
            return None
        try:
            errors = validate_input(spec.operation(operation).input_shape, dict(params))
        except TypeMismatch as mismatch:
            return f"SerializationException: {mismatch.message}"
        if not errors:
            return None
        return f"{VALIDATION_ERROR_CODES[service]}: {validation_message(errors)}"


def build(settings: Settings, clock: Clock | None = None) -> Components:
    """Create the engine, apply migrations and wire every service."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(database_url(settings.db, settings.data_dir))
    migrations.upgrade(engine)
    clock = clock or SystemClock()
    functions = function_runtime(settings, clock)
    identity = IdentityService.create(
        uow=SqlIdentityUnitOfWork(engine),
        clock=clock,
        account_id=settings.account_id,
        default_region=settings.region,
        issuer_base=settings.base_url,
        issuer_style=settings.issuer_style,
        secret=instance_secret(engine, "identity-secret", lambda: secrets.token_bytes(32)),
        functions=TriggerFunctions(functions) if functions is not None else None,
        oidc=HttpOidcClient(),
    )
    cognito_spec = ServiceSpec("cognito-idp")
    cognito = Json11Endpoint(
        cognito_spec,
        cognito_idp.handlers(identity),
        default_region=settings.region,
        validation_error_code=VALIDATION_ERROR_CODES["cognito-idp"],
        internal_error_code="InternalErrorException",
    )
    api_changes = ApiChanges()
    apigateway = ApiGatewayService(
        ApigwScope(
            uow=api_changes.watched(SqlApigwUnitOfWork(engine, clock)),
            clock=clock,
            account_id=settings.account_id,
            region=settings.region,
            pools=IdentityUserPools(identity),
        )
    )
    if settings.lab:
        lab = ensure_lab_api(apigateway.scope)
        invoke = f"{settings.base_url}/restapis/{lab.api_id}/{lab.stage}/_user_request_/mock"
        print(f"  lab Mock API invoke URL: {invoke}", flush=True)
    if settings.init is not None:
        provision_init_file(settings.init, cognito, apigateway)
    gateway = build_gateway((settings, engine, clock), identity, apigateway, functions)
    api_changes.subscribe(gateway.api_changed)
    apigateway_spec = ServiceSpec("apigateway")
    apigateway_endpoint = RestJsonEndpoint(
        apigateway_spec,
        apigateway_providers.handlers(apigateway, execute_api.GatewayTestInvoker(gateway)),
        default_region=settings.region,
    )
    verifier = strict_verifier(settings, clock)
    return Components(
        settings=settings,
        engine=engine,
        identity=identity,
        cognito=SignedJson11(cognito, cognito_spec, verifier) if verifier else cognito,
        apigateway=apigateway,
        apigateway_endpoint=(
            SignedRestJson(apigateway_endpoint, verifier) if verifier else apigateway_endpoint
        ),
        functions=functions,
        gateway=gateway,
        specs={"cognito-idp": cognito_spec, "apigateway": apigateway_spec},
    )


def create_app(settings: Settings, clock: Clock | None = None) -> Starlette:
    """The ASGI application for ``settings``."""
    parts = build(settings, clock)

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    async def root_post(request: Request) -> Response:
        return await aws.json11(request, parts.cognito)

    async def root_get(_: Request) -> Response:
        return RedirectResponse("/console/", status_code=302)

    async def root_options(_: Request) -> Response:
        return aws.preflight()

    console = _console(parts, clock)

    async def jwks(request: Request) -> Response:
        return await oidc.jwks(request, parts.identity)

    async def discovery(request: Request) -> Response:
        return await oidc.discovery(request, parts.identity, parts.settings.base_url)

    routes: list[Route | Mount] = [
        Route("/{pool_id}/.well-known/jwks.json", jwks, methods=["GET"]),
        Route("/{pool_id}/.well-known/openid-configuration", discovery, methods=["GET"]),
        Route("/_cognigate/health", health, methods=["GET"]),
        Route("/_cognigate/outbox", _outbox_endpoint(parts, console), methods=["GET"]),
        Route("/", root_post, methods=["POST"]),
        Route("/", root_get, methods=["GET"]),
        Route("/", root_options, methods=["OPTIONS"]),
    ]
    routes += hosted_ui_routes(parts.identity)
    routes += user_import.routes(parts.identity)
    if parts.gateway is not None:
        routes += execute_api.routes(parts.gateway)
    routes += apigw_web.routes(parts.apigateway_endpoint)
    routes.append(Mount("/console", app=console_router(console)))
    middleware = [Middleware(HostedDomainMiddleware)]
    if parts.gateway is not None:
        middleware.append(Middleware(execute_api.ExecuteApiHost, gateway=parts.gateway))
    app = Starlette(routes=routes, middleware=middleware)
    app.state.components = parts
    return app


def _outbox_endpoint(
    parts: Components, console: Console
) -> Callable[[Request], Awaitable[Response]]:
    """``GET /_cognigate/outbox``: the messages Cognito would have sent, as JSON."""

    async def outbox(request: Request) -> Response:
        if not admin_allowed(console, request):
            # off loopback the codes are as secret as the console: they reset any password
            return JSONResponse(
                {"message": "The outbox needs the admin password (HTTP Basic) off loopback."},
                status_code=401,
                headers={"WWW-Authenticate": 'Basic realm="cognigate"'},
            )
        query = OutboxQuery(
            pool_id=request.query_params.get("pool_id") or request.query_params.get("userPoolId"),
            username=request.query_params.get("username"),
        )
        messages = await run_in_threadpool(parts.identity.outbox.list_messages, query)
        return JSONResponse({"messages": [m.as_json() for m in messages]})

    return outbox


def _console(parts: Components, clock: Clock | None) -> Console:
    settings = parts.settings
    return Console(
        identity=parts.identity,
        clock=clock or SystemClock(),
        signer=SessionSigner(instance_secret(parts.engine, "console-secret", _new_secret)),
        base_url=settings.base_url,
        bind_host=settings.host,
        admin_password=settings.admin_password,
        apigw=parts.apigateway,
        test_invoker=execute_api.GatewayTestInvoker(parts.gateway) if parts.gateway else None,
        functions=parts.functions,
        input_check=SpecInputCheck(parts.specs),
        region=settings.region,
        account_id=settings.account_id,
    )


def _new_secret() -> bytes:
    return secrets.token_bytes(32)


def app_from_env() -> Starlette:
    """Factory for uvicorn workers: settings travel in an environment variable."""
    raw = json.loads(os.environ[_SETTINGS_ENV])  # noqa: TID251 - worker bootstrap
    for key in ("data_dir", "init", "functions"):
        if raw.get(key) is not None:
            raw[key] = Path(raw[key])
    return create_app(from_mapping(raw))


def migrate(settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    migrations.upgrade(make_engine(database_url(settings.db, settings.data_dir)))


def _not_yet(settings: Settings) -> str | None:
    pending: dict[str, bool] = {}
    names = [name for name, used in pending.items() if used]
    return ", ".join(names) if names else None


def serve(settings: Settings) -> int:
    """Run the server until interrupted."""
    logging.basicConfig(
        level=settings.log_level.upper() if settings.log_level != "trace" else "DEBUG",
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    missing = _not_yet(settings)
    if missing:
        print(f"cognigate: {missing}: not yet available", file=sys.stderr)
        return 2
    try:
        keys = parse_keys(settings.aws_credentials or "")
    except ValueError as error:
        print(f"cognigate: --aws-credentials: {error}", file=sys.stderr)
        return 2
    # process environment, inherited by --workers: where local functions' boto3 clients go
    os.environ.update(  # noqa: TID251 - the composition root owns the process environment
        function_environment(settings, os.environ, Path.home())  # noqa: TID251 - as above
    )
    if keys:
        print(f"  strict mode: SigV4 signatures checked ({len(keys)} access key(s))", flush=True)
    elif needs_password(settings.host):
        print(
            "  warning: the AWS APIs accept any caller on this address; "
            "--aws-credentials makes them check SigV4 signatures",
            file=sys.stderr,
            flush=True,
        )
    base = settings.base_url
    print(f"cognigate {__version__} listening on {base}", flush=True)
    print(f"  console: {base}/console/", flush=True)
    if settings.workers > 1:
        migrate(settings)
        payload = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(settings).items()}
        os.environ[_SETTINGS_ENV] = json.dumps(payload)  # noqa: TID251 - worker bootstrap
        uvicorn.run(
            "cognigate.app:app_from_env",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_level=settings.log_level,
            access_log=False,
            http=SpellingHttpToolsProtocol,
        )
        return 0
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        access_log=False,
        http=SpellingHttpToolsProtocol,
    )
    return 0
