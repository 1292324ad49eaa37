"""The local Lambda runtime: loading handlers, context, JSON round trips, reload and errors."""

from __future__ import annotations

import os
import textwrap
import threading
from pathlib import Path

import pytest

from cognigate.core.clock import FixedClock
from cognigate.functions import FunctionInvocationError, FunctionNotFound, FunctionRuntime

ACCOUNT = "123456789012"


def write(directory: Path, name: str, source: str) -> Path:
    path = directory / f"{name}.py"
    path.write_text(textwrap.dedent(source))
    return path


@pytest.fixture
def runtime(tmp_path: Path) -> FunctionRuntime:
    return FunctionRuntime(tmp_path, region="eu-west-1", account_id=ACCOUNT, clock=FixedClock())


def test_invoke_runs_handler_with_the_event(runtime: FunctionRuntime) -> None:
    write(runtime.directory, "echo", "def handler(event, context):\n    return {'got': event}\n")

    assert runtime.invoke("echo", {"a": [1, 2]}) == {"got": {"a": [1, 2]}}


def test_invoke_accepts_lambda_handler_as_the_entry_point(runtime: FunctionRuntime) -> None:
    write(runtime.directory, "lh", "def lambda_handler(event, context):\n    return {'ok': 1}\n")

    assert runtime.invoke("lh", {}) == {"ok": 1}


@pytest.mark.parametrize(
    "reference",
    [
        "ctx",
        f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:ctx",
        f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:ctx:live",
        "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/"
        f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:ctx/invocations",
    ],
)
def test_invoke_finds_the_function_by_name_arn_or_uri(
    runtime: FunctionRuntime, reference: str
) -> None:
    write(runtime.directory, "ctx", "def handler(event, context):\n    return {'n': 'ctx'}\n")

    assert runtime.invoke(reference, {}) == {"n": "ctx"}


def test_context_carries_the_lambda_attributes(runtime: FunctionRuntime) -> None:
    write(
        runtime.directory,
        "ctx",
        """
        def handler(event, context):
            return {
                "name": context.function_name,
                "arn": context.invoked_function_arn,
                "memory": context.memory_limit_in_mb,
                "version": context.function_version,
                "request": context.aws_request_id,
                "group": context.log_group_name,
                "stream": context.log_stream_name,
                "remaining": context.get_remaining_time_in_millis(),
            }
        """,
    )

    result = runtime.invoke("ctx:live", {})

    assert result["name"] == "ctx"
    assert result["arn"] == f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:ctx:live"
    assert result["memory"] == "128"
    assert result["version"] == "$LATEST"
    assert len(str(result["request"])) == 36
    assert result["group"] == "/aws/lambda/ctx"
    assert str(result["stream"]).startswith("2023/11/14/[$LATEST]")
    assert 0 < int(str(result["remaining"])) <= 3000


def test_handler_changes_to_the_event_do_not_reach_the_caller(runtime: FunctionRuntime) -> None:
    write(
        runtime.directory,
        "mut",
        "def handler(event, context):\n    event['x'].append(2)\n    return event\n",
    )
    event: dict[str, object] = {"x": [1]}

    result = runtime.invoke("mut", event)

    assert event == {"x": [1]}
    assert result == {"x": [1, 2]}


def test_file_is_reloaded_when_it_changes(runtime: FunctionRuntime) -> None:
    path = write(runtime.directory, "v", "def handler(event, context):\n    return {'v': 1}\n")
    runtime.invoke("v", {})
    write(runtime.directory, "v", "def handler(event, context):\n    return {'v': 22}\n")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))

    assert runtime.invoke("v", {}) == {"v": 22}


def test_module_state_survives_between_calls_of_an_unchanged_file(
    runtime: FunctionRuntime,
) -> None:
    write(
        runtime.directory,
        "count",
        "calls = []\ndef handler(event, context):\n"
        "    calls.append(1)\n    return {'calls': len(calls)}\n",
    )
    runtime.invoke("count", {})

    assert runtime.invoke("count", {}) == {"calls": 2}


def test_handler_exception_becomes_an_invocation_error_with_its_message(
    runtime: FunctionRuntime,
) -> None:
    write(runtime.directory, "boom", "def handler(event, context):\n    raise ValueError('nope')\n")

    with pytest.raises(FunctionInvocationError) as caught:
        runtime.invoke("boom", {})

    assert str(caught.value) == "nope"
    assert caught.value.error_type == "ValueError"
    assert caught.value.function == "boom"


def test_unknown_function_raises_not_found(runtime: FunctionRuntime) -> None:
    with pytest.raises(FunctionNotFound) as caught:
        runtime.invoke("missing", {})

    assert "Function not found: arn:aws:lambda:eu-west-1:" in str(caught.value)


@pytest.mark.parametrize(
    ("source", "error_type"),
    [
        ("def handler(event, context:\n", "Runtime.UserCodeSyntaxError"),
        ("import no_such_module_anywhere\n", "Runtime.ImportModuleError"),
        ("def main(event, context):\n    return {}\n", "Runtime.HandlerNotFound"),
        ("def handler(event, context):\n    return {'s': {1}}\n", "Runtime.MarshalError"),
        ("def handler(event, context):\n    return [1]\n", "Runtime.InvalidResponse"),
    ],
)
def test_broken_functions_raise_runtime_errors(
    runtime: FunctionRuntime, source: str, error_type: str
) -> None:
    write(runtime.directory, "bad", source)

    with pytest.raises(FunctionInvocationError) as caught:
        runtime.invoke("bad", {})

    assert caught.value.error_type == error_type


def test_invoke_payload_passes_any_json_value(runtime: FunctionRuntime) -> None:
    write(runtime.directory, "any", "def handler(event, context):\n    return None\n")

    assert runtime.invoke_payload("any", [1, "two"]) is None


def test_unserialisable_event_is_rejected(runtime: FunctionRuntime) -> None:
    write(runtime.directory, "any", "def handler(event, context):\n    return {}\n")

    with pytest.raises(FunctionInvocationError):
        runtime.invoke("any", {"when": object()})


def test_names_lists_the_directory_functions(runtime: FunctionRuntime) -> None:
    for name in ("b", "a", "_private"):
        write(runtime.directory, name, "def handler(event, context):\n    return {}\n")

    assert runtime.names() == ["a", "b"]
    assert runtime.exists("a")
    assert not runtime.exists("_private")


def test_handler_running_past_the_timeout_fails_with_task_timed_out(tmp_path: Path) -> None:
    slow = FunctionRuntime(tmp_path, region="eu-west-1", account_id=ACCOUNT, timeout=0.05)
    write(tmp_path, "slow", "import time\ndef handler(event, context):\n    time.sleep(1)\n")

    with pytest.raises(FunctionInvocationError) as caught:
        slow.invoke("slow", {})

    assert caught.value.error_type == "Sandbox.Timedout"
    assert str(caught.value) == "Task timed out after 0.05 seconds"


def test_without_a_timeout_the_handler_runs_in_the_callers_thread(tmp_path: Path) -> None:
    unlimited = FunctionRuntime(tmp_path, region="eu-west-1", account_id=ACCOUNT, timeout=None)
    write(
        tmp_path,
        "where",
        "import threading\ndef handler(event, context):\n"
        "    return {'thread': threading.current_thread().name,\n"
        "            'remaining': context.get_remaining_time_in_millis()}\n",
    )

    result = unlimited.invoke("where", {})

    assert result["thread"] == threading.current_thread().name
    assert int(str(result["remaining"])) > 3000
