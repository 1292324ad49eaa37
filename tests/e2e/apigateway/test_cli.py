"""The AWS CLI (awscli from PyPI) pointed at the server with ``--endpoint-url``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from tests.support import Server


def _aws(server: Server, *args: str) -> Any:
    env = {
        **os.environ,  # noqa: TID251 - the CLI subprocess needs PATH etc.
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "awscli",
            "apigateway",
            *args,
            "--endpoint-url",
            server.url,
            "--output",
            "json",
        ],
        capture_output=True,
        env=env,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def test_aws_cli_get_rest_apis_and_get_resources_show_the_lab_api(lab_server: Server) -> None:
    apis = _aws(lab_server, "get-rest-apis")["items"]
    api = next(a for a in apis if a["name"] == "Mock API")

    resources = _aws(lab_server, "get-resources", "--rest-api-id", api["id"])["items"]

    assert [r["path"] for r in resources] == ["/", "/mock"]
    assert resources[1]["resourceMethods"] == {"GET": {}}
    assert isinstance(api["createdDate"], int | float | str)
