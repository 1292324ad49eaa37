"""Sign-in throughput against the same server's GetUser as the baseline, measured in one run.

    python benchmarks/bench_signin.py [--calls 200] [--threads 8] [--backend sqlite|postgres]

Prints InitiateAuth USER_PASSWORD_AUTH and USER_SRP_AUTH (pycognito as the client, so the
client's own SRP arithmetic is included) sign-ins per second, GetUser calls per second as the
baseline, their ratios, and the cost of one password verification (SRP verifier check).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from pycognito.aws_srp import AWSSRP

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support import Server, postgres_database

from cognigate.identity import srp

PASSWORD = "Bench#Pass123"


def client(url: str) -> Any:
    return boto3.client(
        "cognito-idp",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
        config=Config(retries={"max_attempts": 1}, max_pool_connections=64),
    )


def rate(calls: int, threads: int, fn: Any) -> float:
    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(fn, range(calls)))
    return calls / (time.perf_counter() - start)


def setup(idp: Any, users: int) -> tuple[str, str, list[str]]:
    pool_id = idp.create_user_pool(PoolName="bench-signin")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="bench",
        ExplicitAuthFlows=[
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
    )["UserPoolClient"]["ClientId"]
    tokens = []
    for i in range(users):
        idp.admin_create_user(UserPoolId=pool_id, Username=f"u{i}", MessageAction="SUPPRESS")
        idp.admin_set_user_password(
            UserPoolId=pool_id, Username=f"u{i}", Password=PASSWORD, Permanent=True
        )
        auth = idp.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": f"u{i}", "PASSWORD": PASSWORD},
        )
        tokens.append(auth["AuthenticationResult"]["AccessToken"])
    return pool_id, client_id, tokens


def measure(url: str, calls: int, threads: int) -> dict[str, float]:
    idp = client(url)
    users = min(calls, 50)
    pool_id, client_id, tokens = setup(idp, users)
    results = {
        "GetUser (baseline)": rate(
            calls, threads, lambda i: idp.get_user(AccessToken=tokens[i % users])
        ),
        "InitiateAuth USER_PASSWORD_AUTH": rate(
            calls,
            threads,
            lambda i: idp.initiate_auth(
                ClientId=client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": f"u{i % users}", "PASSWORD": PASSWORD},
            ),
        ),
        "USER_SRP_AUTH (2 calls, pycognito)": rate(
            calls,
            threads,
            lambda i: AWSSRP(
                username=f"u{i % users}",
                password=PASSWORD,
                pool_id=pool_id,
                client_id=client_id,
                client=idp,
            ).authenticate_user(),
        ),
    }
    return results


def verification_cost(rounds: int = 200) -> float:
    salt, verifier = srp.make_verifier("us-east-1_AbCdEf123", "user", PASSWORD)
    start = time.perf_counter()
    for _ in range(rounds):
        srp.check_password("us-east-1_AbCdEf123", "user", PASSWORD, salt, verifier)
    return (time.perf_counter() - start) / rounds * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.backend == "postgres":
            with postgres_database() as db:
                server = Server(
                    data_dir=Path(tmp) / "d", db=db, extra_args=["--log-level", "warning"]
                )
                server.start()
                results = measure(server.url, args.calls, args.threads)
                server.stop()
        else:
            server = Server(
                data_dir=Path(tmp) / "d", db=None, extra_args=["--log-level", "warning"]
            )
            server.start()
            results = measure(server.url, args.calls, args.threads)
            server.stop()
    baseline = results["GetUser (baseline)"]
    print(f"{'operation':40} {'per second':>12} {'vs GetUser':>11}")
    for name, value in results.items():
        print(f"{name:40} {value:12.1f} {value / baseline:10.2f}x")
    print(f"one password verification (SRP verifier check): {verification_cost():.0f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
