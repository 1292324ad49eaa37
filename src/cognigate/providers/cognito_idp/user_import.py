"""Handlers of GetCSVHeader, CreateUserImportJob, StartUserImportJob, DescribeUserImportJob,
ListUserImportJobs and StopUserImportJob."""

from __future__ import annotations

from cognigate.identity.service import IdentityService
from cognigate.identity.user_import import JobView
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.wire import drop_none


def job_out(view: JobView) -> Wire:
    """A ``UserImportJobType``."""
    job = view.job
    return drop_none(
        {
            "JobName": job.name,
            "JobId": job.job_id,
            "UserPoolId": job.pool_id,
            "PreSignedUrl": view.presigned_url,
            "CreationDate": job.created,
            "StartDate": job.started,
            "CompletionDate": job.completed,
            "Status": view.status,
            "CloudWatchLogsRoleArn": job.role_arn,
            "ImportedUsers": job.imported,
            "SkippedUsers": job.skipped,
            "FailedUsers": job.failed,
            "CompletionMessage": job.message,
        }
    )


def handlers(service: IdentityService) -> dict[str, Handler]:
    imports = service.user_import

    def get_csv_header(params: Wire, _: CallContext) -> Wire:
        pool_id = params["UserPoolId"]
        return {"UserPoolId": pool_id, "CSVHeader": imports.get_csv_header(pool_id)}

    def create_user_import_job(params: Wire, _: CallContext) -> Wire:
        view = imports.create_user_import_job(
            params["UserPoolId"], params["JobName"], params["CloudWatchLogsRoleArn"]
        )
        return {"UserImportJob": job_out(view)}

    def describe_user_import_job(params: Wire, _: CallContext) -> Wire:
        view = imports.describe_user_import_job(params["UserPoolId"], params["JobId"])
        return {"UserImportJob": job_out(view)}

    def list_user_import_jobs(params: Wire, _: CallContext) -> Wire:
        page = imports.list_user_import_jobs(
            params["UserPoolId"], params["MaxResults"], params.get("PaginationToken")
        )
        return drop_none(
            {
                "UserImportJobs": [job_out(view) for view in page.items],
                "PaginationToken": page.next_token,
            }
        )

    def start_user_import_job(params: Wire, _: CallContext) -> Wire:
        view = imports.start_user_import_job(params["UserPoolId"], params["JobId"])
        return {"UserImportJob": job_out(view)}

    def stop_user_import_job(params: Wire, _: CallContext) -> Wire:
        view = imports.stop_user_import_job(params["UserPoolId"], params["JobId"])
        return {"UserImportJob": job_out(view)}

    return {
        "GetCSVHeader": get_csv_header,
        "CreateUserImportJob": create_user_import_job,
        "DescribeUserImportJob": describe_user_import_job,
        "ListUserImportJobs": list_user_import_jobs,
        "StartUserImportJob": start_user_import_job,
        "StopUserImportJob": stop_user_import_job,
    }
