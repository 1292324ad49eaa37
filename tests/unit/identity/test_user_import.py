"""User import jobs on the real SQLite storage with a fake clock: the pre-signed URL lasts 15
minutes, a job not started within 24 hours is Expired, and the CSV rules of each row."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from cognigate.app import Components, build
from cognigate.config import Settings
from cognigate.core.clock import FixedClock
from cognigate.identity.errors import PreconditionNotMetException
from cognigate.identity.model import PoolConfig
from cognigate.identity.user_import import JobView, UploadRefused
from cognigate.identity.user_import_csv import ImportRow, RowRejected, read_rows

pytestmark = pytest.mark.filterwarnings("ignore:No path_separator found:DeprecationWarning")

HEADER = b"cognito:username,cognito:mfa_enabled,email,email_verified\n"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def components(tmp_path: Path, clock: FixedClock) -> Components:
    return build(Settings(data_dir=tmp_path / "data"), clock=clock)


@pytest.fixture
def pool_id(components: Components) -> str:
    config = PoolConfig(auto_verified_attributes=("email",))
    return components.identity.pools.create("pool", config, {}).pool.id


@pytest.fixture
def job(components: Components, pool_id: str) -> JobView:
    return components.identity.user_import.create_user_import_job(pool_id, "job", "arn:role")


def _upload(components: Components, view: JobView, body: bytes) -> None:
    url = urlsplit(view.presigned_url)
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    components.identity.user_import.upload_csv(
        url.path.rsplit("/", 1)[-1], query["expires"], query["signature"], body
    )


def test_presigned_url_is_refused_after_fifteen_minutes(
    components: Components, clock: FixedClock, job: JobView
) -> None:
    clock.advance(15 * 60 + 1)

    with pytest.raises(UploadRefused):
        _upload(components, job, HEADER)


def test_job_not_started_within_a_day_is_expired_and_cannot_start(
    components: Components, clock: FixedClock, pool_id: str, job: JobView
) -> None:
    imports = components.identity.user_import
    _upload(components, job, HEADER + b"ann,false,ann@example.com,true\n")
    clock.advance(24 * 3600 + 1)

    described = imports.describe_user_import_job(pool_id, job.job.job_id)

    assert described.status == "Expired"
    with pytest.raises(PreconditionNotMetException):
        imports.start_user_import_job(pool_id, job.job.job_id)


def test_started_job_records_start_and_completion_times(
    components: Components, clock: FixedClock, pool_id: str, job: JobView
) -> None:
    _upload(components, job, HEADER + b"ann,false,ann@example.com,true\n")
    clock.advance(60)

    done = components.identity.user_import.start_user_import_job(pool_id, job.job.job_id)

    assert (done.status, done.job.imported) == ("Succeeded", 1)
    assert done.job.started == done.job.completed == clock.now()
    assert done.job.csv_body is None


def test_rows_are_read_with_their_line_numbers(components: Components, pool_id: str) -> None:
    pool = components.identity.pools.describe(pool_id).pool
    body = HEADER + b"ann,false,ann@example.com,true\n\nbob,false,bob@example.com,false\n"

    rows = read_rows(pool, body)

    assert rows[0] == ImportRow(
        2, "ann", False, (("email", "ann@example.com"), ("email_verified", "true"))
    )
    assert isinstance(rows[1], RowRejected)
    assert "Line Number 4" in str(rows[1])
