"""User import jobs: GetCSVHeader, CreateUserImportJob, StartUserImportJob, DescribeUserImportJob,
ListUserImportJobs, StopUserImportJob, and the upload of the CSV file to the job's pre-signed URL.

https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool.html
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum
from urllib.parse import urlencode

from cognigate.core.ids import new_uuid, user_import_job_id
from cognigate.identity import attributes as attrs
from cognigate.identity.context import Deps, decode_token, encode_token, require_pool
from cognigate.identity.errors import (
    AliasExistsException,
    InvalidParameterException,
    PreconditionNotMetException,
    ResourceNotFoundException,
    UsernameExistsException,
)
from cognigate.identity.mfa_preferences import LEGACY_SMS_OPTION, apply_legacy_options
from cognigate.identity.model import Page, User, UserPool, UserStatus
from cognigate.identity.ports import DuplicateKey, IdentityStore, ImportJob
from cognigate.identity.user_import_csv import (
    CsvRejected,
    ImportRow,
    RowRejected,
    csv_header,
    read_rows,
)
from cognigate.identity.user_store import save_user
from cognigate.identity.users import NewUser
from cognigate.identity.users import _sign_in_name as sign_in_name

logger = logging.getLogger(__name__)

#: AWS parity: "The PRE_SIGNED_URL returned in the response is valid for 15 minutes."
URL_LIFETIME = 15 * 60
#: AWS parity: a job not started within 24 hours (at least) is Expired.
START_WINDOW = 24 * 3600
#: AWS parity: the CSV file may be up to 100 MB.
MAX_CSV_BYTES = 100 * 1024 * 1024
_STOP_CHECK_EVERY = 100


class ImportStatus(StrEnum):
    CREATED = "Created"
    PENDING = "Pending"
    IN_PROGRESS = "InProgress"
    STOPPING = "Stopping"
    EXPIRED = "Expired"
    STOPPED = "Stopped"
    FAILED = "Failed"
    SUCCEEDED = "Succeeded"


class UploadRefused(Exception):
    """A PUT to a pre-signed URL that is wrong, expired, too big or whose job has started."""


class _AlreadyExists(Exception):
    """The row's user exists (found only once stored): roll the row back and skip it."""


@dataclass(frozen=True, slots=True)
class JobView:
    """A job as DescribeUserImportJob reports it."""

    job: ImportJob
    status: str
    presigned_url: str


class UserImportOperations:
    """CSV user import into a pool; StartUserImportJob runs the import before it answers."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._key = hashlib.sha256(b"cognigate/user-import\x00" + deps.secret).digest()

    def _signature(self, job_id: str, expires: int) -> str:
        return hmac.new(self._key, f"{job_id}\n{expires}".encode(), hashlib.sha256).hexdigest()

    def _view(self, job: ImportJob) -> JobView:
        expires = int(job.created) + URL_LIFETIME
        query = urlencode({"expires": expires, "signature": self._signature(job.job_id, expires)})
        base = self._deps.issuer_base.rstrip("/")
        url = f"{base}/_cognigate/user-import/{job.job_id}?{query}"
        status = job.status
        if status == ImportStatus.CREATED and self._deps.clock.now() > job.created + START_WINDOW:
            status = ImportStatus.EXPIRED
        return JobView(job, status, url)

    def _require_job(self, store: IdentityStore, pool_id: str, job_id: str) -> ImportJob:
        job = store.user_import_jobs.get(job_id)
        if job is None or job.pool_id != pool_id:
            raise ResourceNotFoundException(f"Import job {job_id} does not exist.")
        return job

    def get_csv_header(self, pool_id: str) -> list[str]:
        """GetCSVHeader. :raises ResourceNotFoundException: unknown pool."""
        with self._deps.uow(write=False) as store:
            return csv_header(require_pool(store, pool_id))

    def create_user_import_job(self, pool_id: str, name: str, role_arn: str) -> JobView:
        """CreateUserImportJob: a job in Created, waiting for its CSV file.

        :raises ResourceNotFoundException: unknown pool.
        """
        with self._deps.uow(write=True) as store:
            require_pool(store, pool_id)
            job = ImportJob(
                job_id=user_import_job_id(),
                pool_id=pool_id,
                name=name,
                role_arn=role_arn,
                status=ImportStatus.CREATED,
                created=self._deps.clock.now(),
            )
            store.user_import_jobs.add(job)
        return self._view(job)

    def describe_user_import_job(self, pool_id: str, job_id: str) -> JobView:
        """DescribeUserImportJob. :raises ResourceNotFoundException: unknown pool or job."""
        with self._deps.uow(write=False) as store:
            require_pool(store, pool_id)
            return self._view(self._require_job(store, pool_id, job_id))

    def list_user_import_jobs(self, pool_id: str, limit: int, token: str | None) -> Page[JobView]:
        """ListUserImportJobs, oldest first. :raises ResourceNotFoundException: unknown pool."""
        after = decode_token(token)
        with self._deps.uow(write=False) as store:
            require_pool(store, pool_id)
            jobs = store.user_import_jobs.list(pool_id, limit + 1, after)
        views = tuple(self._view(job) for job in jobs[:limit])
        if len(jobs) <= limit:
            return Page(items=views)
        return Page(items=views, next_token=encode_token(jobs[limit - 1].job_id))

    def upload_csv(self, job_id: str, expires: str, signature: str, body: bytes) -> None:
        """The PUT to a job's pre-signed URL: keeps the CSV file for StartUserImportJob.

        :raises UploadRefused: bad or expired signature, unknown job, job no longer Created,
            or a file over 100 MB.
        """
        if not expires.isdigit() or not hmac.compare_digest(
            signature, self._signature(job_id, int(expires))
        ):
            raise UploadRefused("The request signature we calculated does not match.")
        if self._deps.clock.now() > int(expires):
            raise UploadRefused("Request has expired")
        if len(body) > MAX_CSV_BYTES:
            raise UploadRefused("Your proposed upload exceeds the maximum allowed size")
        with self._deps.uow(write=True) as store:
            job = store.user_import_jobs.get(job_id)
            if job is None or self._view(job).status != ImportStatus.CREATED:
                raise UploadRefused("The import job no longer accepts a file.")
            store.user_import_jobs.save(replace(job, csv_body=body))

    def start_user_import_job(self, pool_id: str, job_id: str) -> JobView:
        """StartUserImportJob; imports the file's users, each as RESET_REQUIRED.

        :raises ResourceNotFoundException: unknown pool or job.
        :raises PreconditionNotMetException: the job is not in Created (or has expired).
        """
        with self._deps.uow(write=True) as store:
            require_pool(store, pool_id)
            job = self._require_job(store, pool_id, job_id)
            if self._view(job).status != ImportStatus.CREATED:
                raise PreconditionNotMetException(f"Import job {job_id} cannot be started.")
            job = replace(job, status=ImportStatus.IN_PROGRESS, started=self._deps.clock.now())
            store.user_import_jobs.save(job)
        return self._view(self._run(job))

    def stop_user_import_job(self, pool_id: str, job_id: str) -> JobView:
        """StopUserImportJob: a running job stops after the user it is importing.

        :raises ResourceNotFoundException: unknown pool or job.
        :raises PreconditionNotMetException: the job is not Pending or InProgress.
        """
        with self._deps.uow(write=True) as store:
            require_pool(store, pool_id)
            job = self._require_job(store, pool_id, job_id)
            if job.status not in (ImportStatus.PENDING, ImportStatus.IN_PROGRESS):
                raise PreconditionNotMetException(f"Import job {job_id} is not running.")
            job = replace(job, status=ImportStatus.STOPPING)
            store.user_import_jobs.save(job)
        return self._view(job)

    def _run(self, job: ImportJob) -> ImportJob:
        try:
            with self._deps.uow(write=False) as store:
                pool = require_pool(store, job.pool_id)
            if not pool.config.auto_verified_attributes:
                raise CsvRejected("The user pool has no auto-verified attributes.")
            if not job.csv_body:
                raise CsvRejected("No CSV file was uploaded to the pre-signed URL.")
            rows = read_rows(pool, job.csv_body)
        except CsvRejected as problem:
            return self._finish(job, ImportStatus.FAILED, Counter(), str(problem))
        counts: Counter[str] = Counter()
        for index, row in enumerate(rows):
            if index % _STOP_CHECK_EVERY == 0 and self._stop_asked(job.job_id):
                return self._finish(job, ImportStatus.STOPPED, counts, "Stopped by request.")
            if isinstance(row, RowRejected):
                logger.info("user import %s: [FAILED] %s", job.job_id, row)
                counts["failed"] += 1
                continue
            counts[self._import_row(job, row)] += 1
        return self._finish(job, ImportStatus.SUCCEEDED, counts, None)

    def _stop_asked(self, job_id: str) -> bool:
        with self._deps.uow(write=False) as store:
            current = store.user_import_jobs.get(job_id)
        return current is None or current.status == ImportStatus.STOPPING

    def _import_row(self, job: ImportJob, row: ImportRow) -> str:
        """``imported``, ``skipped`` (the user exists) or ``failed``; each row is its own
        transaction, so a refused user leaves nothing behind."""
        try:
            with self._deps.uow(write=True) as store:
                pool = require_pool(store, job.pool_id)
                outcome = _store_user(store, pool, row, self._deps.clock.now())
        except _AlreadyExists:
            outcome = "skipped"
        except (RowRejected, InvalidParameterException, AliasExistsException) as problem:
            # AWS parity: the log names the line, never the user's data.
            logger.info("user import %s: [FAILED] line %s: %s", job.job_id, row.line,
                        type(problem).__name__)  # fmt: skip
            return "failed"
        logger.info("user import %s: [%s] line %s", job.job_id, outcome.upper(), row.line)
        return outcome

    def _finish(
        self, job: ImportJob, status: str, counts: Counter[str], message: str | None
    ) -> ImportJob:
        with self._deps.uow(write=True) as store:
            done = replace(
                job,
                status=status,
                completed=self._deps.clock.now(),
                imported=counts["imported"],
                skipped=counts["skipped"],
                failed=counts["failed"],
                message=message,
                csv_body=None,
            )
            store.user_import_jobs.save(done)
        return done


def _store_user(store: IdentityStore, pool: UserPool, row: ImportRow, now: float) -> str:
    """Create the row's user in RESET_REQUIRED (no password: AWS imports none).

    :raises _AlreadyExists: the username (or username attribute) is taken.
    :raises InvalidParameterException: attributes break the schema; SMS MFA without a phone.
    :raises AliasExistsException: a verified alias belongs to another user.
    """
    request = NewUser(pool_id=pool.id, username=row.username, attributes=row.attributes)
    username, given = sign_in_name(pool, request)
    key = attrs.username_key(pool, username)
    if store.users.get(pool.id, key) is not None:
        raise _AlreadyExists
    checked = attrs.check_attributes(pool, given, creating=True)
    sub = username if pool.config.username_attributes else new_uuid()
    user = User(
        pool_id=pool.id,
        username=username,
        sub=sub,
        status=UserStatus.RESET_REQUIRED,
        enabled=True,
        created=now,
        modified=now,
        attributes=(("sub", sub), *checked),
    )
    if row.mfa_enabled:
        user = apply_legacy_options(pool, user, [LEGACY_SMS_OPTION])
    try:
        user = store.users.add(user, key)
        save_user(store, pool, user, creating=True)
    except (DuplicateKey, UsernameExistsException) as error:
        raise _AlreadyExists from error
    return "imported"
