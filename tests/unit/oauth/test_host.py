"""Which Host headers name a hosted-UI domain."""

from __future__ import annotations

import pytest

from cognigate.oauth.host import domain_of_host
from cognigate.oauth.http import basic_credentials


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("lab240679.auth.localhost", "lab240679"),
        ("lab240679.auth.localhost:4590", "lab240679"),
        ("LAB240679.auth.us-west-2.amazoncognito.com", "lab240679"),
        ("127.0.0.1:4590", None),
        ("abc.execute-api.localhost", None),
        ("a.b.auth.localhost", None),
        ("[::1]:4590", None),
    ],
)
def test_domain_of_host(host: str, domain: str | None) -> None:
    assert domain_of_host(host) == domain


def test_basic_credentials_are_form_decoded() -> None:
    # "client:se cret%" form-encoded -> "client:se+cret%25", then base64
    header = {"authorization": "Basic Y2xpZW50OnNlK2NyZXQlMjU="}

    assert basic_credentials(header) == ("client", "se cret%")


def test_malformed_basic_credentials_raise() -> None:
    with pytest.raises(ValueError, match="malformed"):
        basic_credentials({"authorization": "Basic !!!"})
