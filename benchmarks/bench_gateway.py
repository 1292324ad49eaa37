"""Data-plane throughput: GET /mock through the Cognito authorizer and the MOCK integration.

Measured with ``wrk`` (Debian package ``wrk``; not Python-bound) at 64 connections against
``cognigate serve --lab``, next to a bare Starlette endpoint returning the same JSON on the same
server stack (uvicorn, one worker), in the same run:

    python benchmarks/bench_gateway.py [--duration 10] [--connections 64] [--threads 4]

Prints requests per second and p50/p99 latency for both, and their ratio.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.gateway.conftest import sign_in
from tests.support import Server, free_port

BODY = b'{"confidential": "Secure, Me!!"}'
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk(url: str, args: argparse.Namespace, headers: dict[str, str]) -> Result:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, "--latency", url], capture_output=True, text=True, check=True)
    text = out.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", text).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", text).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    return Result(rps, p50, p99, int(errors.group(1)) if errors else 0)


def bare_server() -> tuple[str, uvicorn.Server]:
    async def mock(_: Request) -> Response:
        return Response(BODY, media_type="application/json")

    port = free_port()
    app = Starlette(routes=[Route("/dev/mock", mock, methods=["GET"])])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", access_log=False)
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    return f"http://127.0.0.1:{port}/dev/mock", server


def secure_lab_api(srv: Server) -> tuple[str, str]:
    """Attach a Cognito authorizer to the lab's GET /mock, deploy; (invoke URL, ID token)."""
    apigw: Any = srv.client("apigateway")
    user = sign_in(srv.client("cognito-idp"))
    api = next(a for a in apigw.get_rest_apis()["items"] if a["name"] == "Mock API")
    resources = apigw.get_resources(restApiId=api["id"])["items"]
    mock = next(r for r in resources if r["path"] == "/mock")
    authorizer = apigw.create_authorizer(
        restApiId=api["id"], name="bench", type="COGNITO_USER_POOLS",
        providerARNs=[user.pool_arn], identitySource="method.request.header.auth-token",
    )  # fmt: skip
    apigw.update_method(
        restApiId=api["id"], resourceId=mock["id"], httpMethod="GET",
        patchOperations=[
            {"op": "replace", "path": "/authorizationType", "value": "COGNITO_USER_POOLS"},
            {"op": "replace", "path": "/authorizerId", "value": authorizer["id"]},
        ],
    )  # fmt: skip
    apigw.create_deployment(restApiId=api["id"], stageName="dev")
    return f"{srv.url}/restapis/{api['id']}/dev/_user_request_/mock", user.id_token


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk not found: apt-get install wrk", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        srv = Server(data_dir=Path(tmp) / "data", db=None, extra_args=["--lab"])
        srv.start()
        try:
            url, token = secure_lab_api(srv)
            headers = {"auth-token": token}
            check = httpx.get(url, headers=headers)
            assert check.content == BODY, check.text
            bare_url, bare = bare_server()
            wrk(url, argparse.Namespace(**{**vars(args), "duration": 2}), headers)  # warm-up
            gateway = wrk(url, args, headers)
            baseline = wrk(bare_url, args, {})
            bare.should_exit = True
        finally:
            srv.stop()
    print(f"{'':34} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for label, result in (("cognigate GET /mock (Cognito+MOCK)", gateway),
                          ("bare Starlette, same JSON", baseline)):  # fmt: skip
        print(
            f"{label:34} {result.rps:>10.0f} {result.p50_ms:>8.2f} {result.p99_ms:>8.2f} "
            f"{result.non_2xx:>8}"
        )
    print(f"ratio cognigate/bare: {gateway.rps / baseline.rps:.2f} of the throughput")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
