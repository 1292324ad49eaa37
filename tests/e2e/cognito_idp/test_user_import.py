"""User import jobs end to end: GetCSVHeader, CreateUserImportJob, a CSV file PUT to the job's
pre-signed URL with httpx, StartUserImportJob, and the imported users' first sign-in (reset the
password, then sign in).

https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool.html
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from tests.e2e.cognito_idp.conftest import PoolFactory, error_of
from tests.support import Server, unique

ROLE = "arn:aws:iam::123456789012:role/CognitoImport"
NEW_PASSWORD = "Imported-Passw0rd!"
STANDARD_HEADER = [
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "email",
    "email_verified",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "phone_number",
    "phone_number_verified",
    "address",
    "updated_at",
]


@dataclass(frozen=True)
class Pool:
    pool_id: str
    client_id: str


Row = Mapping[str, str]
Importer = Callable[[list[Row]], dict[str, Any]]


@pytest.fixture
def pool(cognito: Any, make_pool: PoolFactory) -> Pool:
    pool_id = str(
        make_pool(
            AutoVerifiedAttributes=["email"],
            Schema=[{"Name": "tenant", "AttributeDataType": "String", "Mutable": True}],
        )["Id"]
    )
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="app",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    return Pool(pool_id, str(client_id))


def _csv(header: list[str], rows: list[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _create(cognito: Any, pool: Pool) -> dict[str, Any]:
    job: dict[str, Any] = cognito.create_user_import_job(
        UserPoolId=pool.pool_id, JobName=unique("import"), CloudWatchLogsRoleArn=ROLE
    )["UserImportJob"]
    return job


def _put(url: str, body: bytes) -> httpx.Response:
    return httpx.put(url, content=body, headers={"content-type": "text/csv"}, timeout=30)


@pytest.fixture
def run_import(cognito: Any, pool: Pool) -> Importer:
    """Create a job, PUT ``rows`` as a CSV with the pool's header, start it; the finished job."""

    def run(rows: list[Row]) -> dict[str, Any]:
        header = cognito.get_csv_header(UserPoolId=pool.pool_id)["CSVHeader"]
        job = _create(cognito, pool)
        assert _put(job["PreSignedUrl"], _csv(header, rows)).status_code == 200
        cognito.start_user_import_job(UserPoolId=pool.pool_id, JobId=job["JobId"])
        done: dict[str, Any] = cognito.describe_user_import_job(
            UserPoolId=pool.pool_id, JobId=job["JobId"]
        )["UserImportJob"]
        return done

    return run


def _user(name: str, **extra: str) -> dict[str, str]:
    return {
        "cognito:username": name,
        "cognito:mfa_enabled": "false",
        "email": f"{name}@example.com",
        "email_verified": "true",
        **extra,
    }


def _counts(job: Mapping[str, Any]) -> tuple[str, int, int, int]:
    return job["Status"], job["ImportedUsers"], job["SkippedUsers"], job["FailedUsers"]


def test_csv_header_lists_the_pool_attributes_in_aws_order(cognito: Any, pool: Pool) -> None:
    response = cognito.get_csv_header(UserPoolId=pool.pool_id)

    assert response["UserPoolId"] == pool.pool_id
    assert response["CSVHeader"] == [
        *STANDARD_HEADER,
        "custom:tenant",
        "cognito:mfa_enabled",
        "cognito:username",
    ]


def test_created_job_waits_for_its_file_at_a_url_of_this_server(
    server: Server, cognito: Any, pool: Pool
) -> None:
    job = _create(cognito, pool)

    assert job["Status"] == "Created"
    assert job["JobId"].startswith("import-")
    assert job["CloudWatchLogsRoleArn"] == ROLE
    assert job["PreSignedUrl"].startswith(f"{server.url}/_cognigate/user-import/{job['JobId']}?")
    assert (job["ImportedUsers"], job["SkippedUsers"], job["FailedUsers"]) == (0, 0, 0)


def test_imported_user_resets_the_password_then_signs_in(
    server: Server, cognito: Any, pool: Pool, run_import: Importer
) -> None:
    name = unique("imp")
    job = run_import([_user(name, **{"custom:tenant": "acme", "given_name": "Ada"})])
    user = cognito.admin_get_user(UserPoolId=pool.pool_id, Username=name)
    with pytest.raises(ClientError) as refused:
        cognito.initiate_auth(
            ClientId=pool.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": name, "PASSWORD": NEW_PASSWORD},
        )
    cognito.forgot_password(ClientId=pool.client_id, Username=name)
    code = httpx.get(
        f"{server.url}/_cognigate/outbox",
        params={"pool_id": pool.pool_id, "username": name},
        timeout=10,
    ).json()["messages"][0]["code"]
    cognito.confirm_forgot_password(
        ClientId=pool.client_id, Username=name, ConfirmationCode=code, Password=NEW_PASSWORD
    )
    signed_in = cognito.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": name, "PASSWORD": NEW_PASSWORD},
    )

    assert _counts(job) == ("Succeeded", 1, 0, 0)
    assert user["UserStatus"] == "RESET_REQUIRED"
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["custom:tenant"] == "acme"
    assert attributes["given_name"] == "Ada"
    assert error_of(refused)[0] == "PasswordResetRequiredException"
    assert signed_in["AuthenticationResult"]["AccessToken"]


def test_existing_and_repeated_users_are_skipped(
    cognito: Any, pool: Pool, run_import: Importer
) -> None:
    existing, new = unique("old"), unique("new")
    cognito.admin_create_user(UserPoolId=pool.pool_id, Username=existing, MessageAction="SUPPRESS")

    job = run_import([_user(existing), _user(new), _user(new)])

    assert _counts(job) == ("Succeeded", 1, 2, 0)
    kept = cognito.admin_get_user(UserPoolId=pool.pool_id, Username=existing)
    assert kept["UserStatus"] == "FORCE_CHANGE_PASSWORD"


@pytest.mark.parametrize(
    "row",
    [
        {"email_verified": "false"},
        {"email": "", "email_verified": "true"},
        {"cognito:mfa_enabled": ""},
        {"cognito:mfa_enabled": "true"},
        {"birthdate": "1990"},
    ],
    ids=[
        "email-not-verified",
        "verified-without-email",
        "no-mfa-flag",
        "mfa-without-phone",
        "short-birthdate",
    ],
)
def test_rows_breaking_aws_rules_fail_and_the_rest_import(
    cognito: Any, pool: Pool, run_import: Importer, row: dict[str, str]
) -> None:
    bad, good = unique("bad"), unique("good")

    job = run_import([_user(bad, **row), _user(good)])

    assert _counts(job) == ("Succeeded", 1, 0, 1)
    with pytest.raises(ClientError) as missing:
        cognito.admin_get_user(UserPoolId=pool.pool_id, Username=bad)
    assert error_of(missing)[0] == "UserNotFoundException"


def test_mfa_enabled_column_turns_on_sms_mfa(
    cognito: Any, pool: Pool, run_import: Importer
) -> None:
    name = unique("mfa")

    job = run_import(
        [_user(name, **{"cognito:mfa_enabled": "TRUE", "phone_number": "+15555550100"})]
    )

    user = cognito.admin_get_user(UserPoolId=pool.pool_id, Username=name)
    assert _counts(job) == ("Succeeded", 1, 0, 0)
    assert user["UserMFASettingList"] == ["SMS_MFA"]
    assert user["MFAOptions"] == [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]


def test_started_job_cannot_be_started_or_stopped_again(
    cognito: Any, pool: Pool, run_import: Importer
) -> None:
    job = run_import([_user(unique("once"))])

    for operation in (cognito.start_user_import_job, cognito.stop_user_import_job):
        with pytest.raises(ClientError) as excinfo:
            operation(UserPoolId=pool.pool_id, JobId=job["JobId"])
        assert error_of(excinfo)[0] == "PreconditionNotMetException"
    assert job["StartDate"] <= job["CompletionDate"]


def test_job_without_a_file_fails(cognito: Any, pool: Pool) -> None:
    job = _create(cognito, pool)

    started = cognito.start_user_import_job(UserPoolId=pool.pool_id, JobId=job["JobId"])

    assert started["UserImportJob"]["Status"] == "Failed"
    assert started["UserImportJob"]["CompletionMessage"]


@pytest.mark.parametrize(
    "header",
    [["cognito:username", "cognito:mfa_enabled", "shoe_size"], ["cognito:username", "email"]],
    ids=["unknown-column", "no-mfa-column"],
)
def test_file_with_a_bad_header_fails_the_job(cognito: Any, pool: Pool, header: list[str]) -> None:
    job = _create(cognito, pool)
    _put(job["PreSignedUrl"], _csv(header, [{"cognito:username": unique("h")}]))

    started = cognito.start_user_import_job(UserPoolId=pool.pool_id, JobId=job["JobId"])

    assert _counts(started["UserImportJob"]) == ("Failed", 0, 0, 0)


def test_upload_with_a_wrong_signature_is_refused(cognito: Any, pool: Pool) -> None:
    job = _create(cognito, pool)
    forged = job["PreSignedUrl"].replace("signature=", "signature=0")

    response = _put(forged, b"cognito:username,cognito:mfa_enabled\n")

    assert response.status_code == 403
    assert b"AccessDenied" in response.content


def test_a_job_url_does_not_upload_to_another_job(cognito: Any, pool: Pool) -> None:
    first, second = _create(cognito, pool), _create(cognito, pool)
    other = first["PreSignedUrl"].replace(first["JobId"], second["JobId"])

    response = _put(other, b"cognito:username,cognito:mfa_enabled\n")

    assert response.status_code == 403


def test_list_user_import_jobs_pages_through_the_pool_jobs(cognito: Any, pool: Pool) -> None:
    created = [_create(cognito, pool)["JobId"] for _ in range(3)]

    first = cognito.list_user_import_jobs(UserPoolId=pool.pool_id, MaxResults=2)
    second = cognito.list_user_import_jobs(
        UserPoolId=pool.pool_id, MaxResults=2, PaginationToken=first["PaginationToken"]
    )

    listed = [j["JobId"] for j in first["UserImportJobs"] + second["UserImportJobs"]]
    assert listed == created
    assert "PaginationToken" not in second


def test_job_of_another_pool_raises_resource_not_found(
    cognito: Any, pool: Pool, make_pool: PoolFactory
) -> None:
    job = _create(cognito, pool)
    other = str(make_pool()["Id"])

    with pytest.raises(ClientError) as excinfo:
        cognito.describe_user_import_job(UserPoolId=other, JobId=job["JobId"])

    assert error_of(excinfo)[0] == "ResourceNotFoundException"
