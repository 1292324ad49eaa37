"""Throughput of Cognito control-plane and sign-in calls: cognigate against a baseline.

The baseline is moto's server (``moto[server]``), run in the same process and measured with the
same boto3 client code, so the ratio compares like with like on this machine:

    python benchmarks/bench_cognito.py [--calls 300] [--backend sqlite|postgres]

Prints calls per second for each operation and cognigate's speed-up over the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support import Server, free_port, postgres_database

PASSWORD = "Bench#Pass123"


def client(url: str) -> Any:
    return boto3.client(
        "cognito-idp",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
        config=Config(retries={"max_attempts": 1}, max_pool_connections=32),
    )


def timed(label: str, calls: int, threads: int, fn: Callable[[int], object]) -> float:
    """Run ``fn(i)`` for i in range(calls) on ``threads`` threads; return calls per second."""
    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(fn, range(calls)))
    return calls / (time.perf_counter() - start)


def scenario(url: str, calls: int, threads: int) -> dict[str, float]:
    idp = client(url)
    pool_id = idp.create_user_pool(PoolName="bench")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="bench",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    results: dict[str, float] = {}

    def create(i: int) -> object:
        idp.admin_create_user(
            UserPoolId=pool_id,
            Username=f"user{i}",
            MessageAction="SUPPRESS",
            TemporaryPassword=PASSWORD,
        )
        return idp.admin_set_user_password(
            UserPoolId=pool_id, Username=f"user{i}", Password=PASSWORD, Permanent=True
        )

    results["AdminCreateUser+AdminSetUserPassword"] = timed("create", calls, threads, create)
    results["AdminGetUser"] = timed(
        "get", calls, threads, lambda i: idp.admin_get_user(UserPoolId=pool_id, Username=f"user{i}")
    )
    results["ListUsers(60)"] = timed(
        "list", max(calls // 5, 10), threads, lambda i: idp.list_users(UserPoolId=pool_id, Limit=60)
    )
    results["InitiateAuth USER_PASSWORD_AUTH"] = timed(
        "auth",
        calls,
        threads,
        lambda i: idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": f"user{i}", "PASSWORD": PASSWORD},
        ),
    )
    results["DescribeUserPool"] = timed(
        "describe", calls, threads, lambda i: idp.describe_user_pool(UserPoolId=pool_id)
    )
    return results


def run_moto(calls: int, threads: int) -> dict[str, float]:
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        return scenario(f"http://127.0.0.1:{port}", calls, threads)
    finally:
        server.stop()


def run_cognigate(calls: int, threads: int, db: str | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(data_dir=Path(tmp) / "data", db=db, extra_args=["--log-level", "warning"])
        server.start()
        try:
            return scenario(server.url, calls, threads)
        finally:
            server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    if args.backend == "postgres":
        with postgres_database() as url:
            ours = run_cognigate(args.calls, args.threads, url)
    else:
        ours = run_cognigate(args.calls, args.threads, None)
    baseline = run_moto(args.calls, args.threads)
    print(f"{'operation':40} {'cognigate/s':>12} {'moto/s':>10} {'ratio':>7}")
    ratios = []
    for name, value in ours.items():
        ratio = value / baseline[name]
        ratios.append(ratio)
        print(f"{name:40} {value:12.1f} {baseline[name]:10.1f} {ratio:6.2f}x")
    print(f"{'geometric mean ratio':40} {'':12} {'':10} {statistics.geometric_mean(ratios):6.2f}x")
    return 0


if __name__ == "__main__":
    threading.excepthook = lambda args: None
    raise SystemExit(main())
