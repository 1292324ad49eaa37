"""The local "Lambda" runtime behind ``cognigate serve --functions DIR``.

Each ``DIR/<name>.py`` defining ``handler(event, context)`` (or ``lambda_handler``) is the
function ``<name>``; it is loaded on first use and reloaded when the file changes. Events and
results cross the boundary as JSON, as they do in AWS.
https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html
"""

from __future__ import annotations

import json
import logging
import threading
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cognigate.core.clock import Clock, SystemClock
from cognigate.functions.context import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT_SECONDS,
    LambdaContext,
    new_context,
)
from cognigate.functions.errors import FunctionInvocationError, FunctionNotFound
from cognigate.functions.names import FunctionReference, function_arn, parse_reference

logger = logging.getLogger(__name__)

Handler = Callable[[object, object], object]
HANDLER_NAMES = ("handler", "lambda_handler")
#: what ``get_remaining_time_in_millis`` counts down from when timeouts are off (Lambda's maximum)
UNLIMITED_SECONDS = 900.0


@dataclass(frozen=True, slots=True)
class _Loaded:
    """A loaded handler and the file version it came from."""

    version: tuple[int, int]
    handler: Handler


def _json_copy(value: object, name: str, what: str) -> object:
    """A deep copy of ``value`` made through JSON, as the Lambda service serialises payloads."""
    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError) as error:
        raise FunctionInvocationError(
            name, f"Unable to marshal {what}: {error}", "Runtime.MarshalError"
        ) from error


class FunctionRuntime:
    """Finds, loads and invokes the functions of one directory.

    Implements ``identity.triggers.FunctionInvoker`` structurally (the app adapts the errors).
    """

    def __init__(
        self,
        directory: Path,
        *,
        region: str,
        account_id: str,
        clock: Clock | None = None,
        timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
        memory_mb: int = DEFAULT_MEMORY_MB,
    ) -> None:
        self.directory = directory.resolve()
        self.region = region
        self.account_id = account_id
        self._clock = clock or SystemClock()
        self._timeout = timeout
        self._memory = str(memory_mb)
        self._lock = threading.Lock()
        self._loaded: dict[str, _Loaded] = {}

    def names(self) -> list[str]:
        """The functions the directory holds, sorted."""
        if not self.directory.is_dir():
            return []
        return sorted(p.stem for p in self.directory.glob("*.py") if not p.stem.startswith("_"))

    def arn(self, function: str) -> str:
        """The Lambda ARN of a function given by name, ARN or invocation URI."""
        ref = parse_reference(function)
        return function_arn(
            ref.name,
            region=ref.region or self.region,
            account_id=ref.account_id or self.account_id,
            qualifier=ref.qualifier,
        )

    def exists(self, function: str) -> bool:
        """Whether ``function`` names a file of the directory."""
        try:
            return self._path(parse_reference(function), function).is_file()
        except FunctionNotFound:
            return False

    def invoke(self, function: str, event: Mapping[str, object]) -> dict[str, object]:
        """Run the function with ``event``; its result must be a JSON object.

        :raises FunctionInvocationError: the handler raised, is missing, or returned
            something other than a JSON object.
        """
        result = self.invoke_payload(function, dict(event))
        if not isinstance(result, dict):
            name = parse_reference(function).name
            raise FunctionInvocationError(
                name, "Invalid lambda response: expected a JSON object", "Runtime.InvalidResponse"
            )
        return result

    def invoke_payload(self, function: str, payload: object) -> object:
        """Run the function with any JSON payload and return its JSON result (maybe ``None``).

        :raises FunctionInvocationError: as :meth:`invoke`, without the object check.
        """
        ref = parse_reference(function)
        handler = self._handler(ref, function)
        event = _json_copy(payload, ref.name, "event")
        now = self._clock.now()
        limit = self._timeout if self._timeout is not None else UNLIMITED_SECONDS
        context = new_context(ref.name, self.arn(function), now=now, timeout=limit)
        context.memory_limit_in_mb = self._memory
        logger.debug("invoking function %s (request %s)", ref.name, context.aws_request_id)
        try:
            result = _run(handler, event, context, self._timeout)
        except _TimedOut as error:
            message = f"Task timed out after {self._timeout:.2f} seconds"
            logger.info("function %s: %s", ref.name, message)
            raise FunctionInvocationError(ref.name, message, "Sandbox.Timedout") from error
        except (Exception, SystemExit) as error:
            logger.info("function %s failed: %s: %s", ref.name, type(error).__name__, error)
            raise FunctionInvocationError(ref.name, str(error), type(error).__name__) from error
        return _json_copy(result, ref.name, "response")

    def _path(self, ref: FunctionReference, function: str) -> Path:
        if ref.name.startswith("_"):
            raise FunctionNotFound(ref.name, f"Function not found: {function}")
        return self.directory / f"{ref.name}.py"

    def _handler(self, ref: FunctionReference, function: str) -> Handler:
        path = self._path(ref, function)
        try:
            stat = path.stat()
        except OSError as error:
            raise FunctionNotFound(ref.name, f"Function not found: {self.arn(function)}") from error
        version = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            loaded = self._loaded.get(ref.name)
            if loaded is None or loaded.version != version:
                loaded = _Loaded(version, _load(ref.name, path))
                self._loaded[ref.name] = loaded
        return loaded.handler


class _TimedOut(Exception):
    """The handler did not return within the function's timeout."""


def _run(handler: Handler, event: object, context: LambdaContext, timeout: float | None) -> object:
    """``handler(event, context)``, given up on after ``timeout`` seconds (``None``: never).

    Python cannot stop a thread: a timed-out handler runs on in the background, but its
    result is dropped, as AWS drops the work of a function it froze.
    """
    if timeout is None:
        return handler(event, context)
    outcome: list[object] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(handler(event, context))
        except BaseException as error:  # re-raised in the caller's thread
            failure.append(error)

    worker = threading.Thread(target=target, name=f"function:{context.function_name}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise _TimedOut
    if failure:
        raise failure[0]
    return outcome[0]


def _load(name: str, path: Path) -> Handler:
    """Execute the file as a fresh module and return its handler.

    The source is compiled directly (no ``__pycache__``), so a rewrite is always seen.
    """
    module = types.ModuleType(name)
    module.__file__ = str(path)
    try:
        code = compile(path.read_bytes(), str(path), "exec")
    except SyntaxError as error:
        raise FunctionInvocationError(
            name, f"Syntax error in module '{name}': {error}", "Runtime.UserCodeSyntaxError"
        ) from error
    try:
        exec(code, module.__dict__)  # noqa: S102 - running the user's function is the point
    except Exception as error:
        raise FunctionInvocationError(
            name, f"Unable to import module '{name}': {error}", "Runtime.ImportModuleError"
        ) from error
    for attribute in HANDLER_NAMES:
        handler = getattr(module, attribute, None)
        if callable(handler):
            return handler  # type: ignore[no-any-return]  # user code is untyped
    raise FunctionInvocationError(
        name, f"Handler 'handler' missing on module '{name}'", "Runtime.HandlerNotFound"
    )
