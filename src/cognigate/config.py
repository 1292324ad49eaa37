"""Settings: one frozen dataclass, read once from flags and ``COGNIGATE_*`` variables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

DEFAULT_ACCOUNT_ID = "000000000000"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the composition root needs to build the app."""

    host: str = "127.0.0.1"
    port: int = 4590
    data_dir: Path = field(default_factory=lambda: Path(".cognigate"))
    db: str | None = None
    region: str = "us-east-1"
    public_url: str | None = None
    lab: bool = False
    init: Path | None = None
    functions: Path | None = None
    workers: int = 1
    issuer_style: str = "local"
    log_level: str = "info"
    admin_password: str | None = None
    #: strict mode: ``AKID:SECRET[,AKID:SECRET...]`` whose SigV4 signatures the AWS APIs require
    aws_credentials: str | None = None
    account_id: str = DEFAULT_ACCOUNT_ID

    @property
    def base_url(self) -> str:
        """The externally reachable base URL (``--public-url`` or ``http://host:port``)."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host  # noqa: S104
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"


def env_name(name: str) -> str:
    """``data_dir`` -> ``COGNIGATE_DATA_DIR``."""
    return "COGNIGATE_" + name.upper()


def from_mapping(values: Mapping[str, object]) -> Settings:
    """Build settings from already-typed values, ignoring ``None`` (= keep the default)."""
    known = {f.name for f in fields(Settings)}
    given = {k: v for k, v in values.items() if k in known and v is not None}
    return Settings(**given)  # type: ignore[arg-type]  # values typed by the CLI parser
