"""The ``cognigate`` command: ``serve`` and ``migrate``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cognigate.config import Settings, env_name, from_mapping

ISSUER_STYLES = ("local", "aws")
LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")


def _env(name: str, default: object, kind: Callable[[str], object] = str) -> object:
    raw = os.environ.get(env_name(name))  # noqa: TID251 - the CLI is where settings are read
    if raw is None or raw == "":
        return default
    return kind(raw)


def _flag(raw: str) -> bool:
    return raw.strip().lower() in ("1", "true", "yes", "on")


def _serve_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    d = Settings()
    p = sub.add_parser("serve", help="run cognigate (Cognito + API Gateway) on one port")
    p.add_argument("--host", default=_env("host", d.host))
    p.add_argument("--port", type=int, default=_env("port", d.port, int))
    p.add_argument("--data-dir", type=Path, default=_env("data_dir", d.data_dir, Path))
    p.add_argument(
        "--db", default=_env("db", None), help="SQLAlchemy URL (postgresql+psycopg://...)"
    )
    p.add_argument("--region", default=_env("region", d.region))
    p.add_argument("--public-url", default=_env("public_url", None))
    p.add_argument(
        "--lab",
        action="store_true",
        default=_env("lab", False, _flag),
        help="provision the lab's Mock API (idempotent)",
    )
    p.add_argument("--init", type=Path, default=_env("init", None, Path))
    p.add_argument("--functions", type=Path, default=_env("functions", None, Path))
    p.add_argument("--workers", type=int, default=_env("workers", 1, int))
    p.add_argument(
        "--issuer-style", choices=ISSUER_STYLES, default=_env("issuer_style", d.issuer_style)
    )
    p.add_argument("--log-level", choices=LOG_LEVELS, default=_env("log_level", d.log_level))
    p.add_argument("--admin-password", default=_env("admin_password", None))
    p.add_argument(
        "--aws-credentials",
        default=_env("aws_credentials", None),
        metavar="AKID:SECRET[,...]",
        help="strict mode: AWS API calls must be SigV4-signed with one of these keys",
    )


def _migrate_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    d = Settings()
    p = sub.add_parser("migrate", help="apply database migrations and exit")
    p.add_argument("--data-dir", type=Path, default=_env("data_dir", d.data_dir, Path))
    p.add_argument("--db", default=_env("db", None))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cognigate", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    _serve_parser(sub)
    _migrate_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = from_mapping(vars(args))
    from cognigate import app

    if args.command == "migrate":
        app.migrate(settings)
        return 0
    return app.serve(settings)


if __name__ == "__main__":
    sys.exit(main())
