"""Federated sign-in over real HTTP: pool A signs users in through pool B (an OIDC provider on
the same server), with httpx following every redirect and filling B's hosted form."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.e2e.oauth.conftest import CALLBACK, TIMEOUT, form_of
from tests.e2e.oauth.federation_support import (
    PROVIDER,
    Federation,
    build,
    claims_of,
    follow,
    idp_callback,
    query_of,
    sign_in_at_b,
)
from tests.support import Server


@pytest.fixture(scope="module")
def fed(server: Server) -> Iterator[Federation]:
    yield from build(server)


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=TIMEOUT) as client:
        yield client


def _federated_tokens(fed: Federation, http: httpx.Client, username: str) -> dict[str, object]:
    answer = sign_in_at_b(http, fed.authorize_url(state="app-state"), username)
    query = query_of(answer)
    assert query["state"] == "app-state"
    return fed.redeem(query["code"])


def test_first_federated_sign_in_creates_the_external_provider_user(
    fed: Federation, http: httpx.Client, unique_name: Callable[[str], str]
) -> None:
    name = unique_name("carol")
    sub = fed.user_b(name, "carol@example.com")
    username = f"{PROVIDER}_{sub}"

    tokens = _federated_tokens(fed, http, name)
    claims = claims_of(str(tokens["id_token"]))
    user = fed.cognito.admin_get_user(UserPoolId=fed.pool_a, Username=username)

    assert claims["cognito:username"] == username
    assert claims["email"] == "carol@example.com"
    assert claims["cognito:groups"] == [f"{fed.pool_a}_{PROVIDER}"]
    assert claims["identities"][0]["userId"] == sub
    assert claims["identities"][0]["providerName"] == PROVIDER
    assert claims["identities"][0]["providerType"] == "OIDC"
    assert user["UserStatus"] == "EXTERNAL_PROVIDER"


def test_second_sign_in_reuses_the_federated_user_and_refreshes_attributes(
    fed: Federation, unique_name: Callable[[str], str]
) -> None:
    name = unique_name("dave")
    sub = fed.user_b(name, "dave@example.com")
    with httpx.Client(timeout=TIMEOUT) as first:
        first_claims = claims_of(str(_federated_tokens(fed, first, name)["id_token"]))
    fed.cognito.admin_update_user_attributes(
        UserPoolId=fed.pool_b, Username=name,
        UserAttributes=[{"Name": "email", "Value": "dave2@example.com"}],
    )  # fmt: skip
    with httpx.Client(timeout=TIMEOUT) as second:
        second_claims = claims_of(str(_federated_tokens(fed, second, name)["id_token"]))
    matching = fed.cognito.list_users(
        UserPoolId=fed.pool_a, Filter=f'username = "{PROVIDER}_{sub}"'
    )

    assert second_claims["sub"] == first_claims["sub"]
    assert second_claims["email"] == "dave2@example.com"
    assert len(matching["Users"]) == 1


def test_login_page_shows_a_button_for_the_provider(fed: Federation, http: httpx.Client) -> None:
    url = fed.authorize_url().replace("oauth2/authorize", "login")
    url = url.replace(f"&identity_provider={PROVIDER}", "")

    page = http.get(url)

    assert f'data-provider="{PROVIDER}"' in page.text
    assert f"identity_provider={PROVIDER}" in page.text


def test_unknown_provider_gets_the_login_option_error_page(
    fed: Federation, http: httpx.Client
) -> None:
    answer = http.get(fed.authorize_url(identity_provider="Nope"))

    assert answer.status_code == 400
    assert "Login option is not available. Please try another one." in answer.text


def test_idp_identifier_selects_the_provider(fed: Federation, http: httpx.Client) -> None:
    fed.cognito.update_identity_provider(
        UserPoolId=fed.pool_a, ProviderName=PROVIDER, IdpIdentifiers=["poolb.example"]
    )
    url = fed.authorize_url().replace(
        f"identity_provider={PROVIDER}", "idp_identifier=poolb.example"
    )

    answer = http.get(url)

    assert answer.headers["location"].startswith(f"{fed.server.url}/auth/{fed.domain_b}/")


def test_genuine_callback_signs_in_the_browser_that_started(
    fed: Federation, http: httpx.Client, unique_name: Callable[[str], str]
) -> None:
    name = unique_name("hank")
    fed.user_b(name, "hank@example.com")
    callback = idp_callback(fed, http, name)

    answer = http.get(callback)

    assert answer.headers["location"].startswith(CALLBACK)


def test_tampered_state_is_refused(
    fed: Federation, http: httpx.Client, unique_name: Callable[[str], str]
) -> None:
    name = unique_name("ivan")
    fed.user_b(name, "ivan@example.com")
    callback = httpx.URL(idp_callback(fed, http, name))
    state = callback.params["state"]
    tampered = state[:20] + ("A" if state[20] != "A" else "B") + state[21:]

    answer = http.get(callback.copy_set_param("state", tampered))

    assert answer.status_code == 400
    assert "location" not in answer.headers


def test_callback_replayed_in_another_browser_is_refused(
    fed: Federation, http: httpx.Client, unique_name: Callable[[str], str]
) -> None:
    name = unique_name("jill")
    fed.user_b(name, "jill@example.com")
    callback = idp_callback(fed, http, name)

    with httpx.Client(timeout=TIMEOUT) as other_browser:
        other_browser.get(fed.authorize_url())  # a sign-in of its own: its own binding cookie
        answer = other_browser.get(callback)

    assert answer.status_code == 400
    assert "location" not in answer.headers


def test_provider_access_denied_goes_back_to_the_client(
    fed: Federation, http: httpx.Client
) -> None:
    to_b = http.get(fed.authorize_url(state="s-1"))
    state = parse_qs(urlsplit(to_b.headers["location"]).query)["state"][0]

    answer = http.get(
        f"{fed.base_a}/oauth2/idpresponse",
        params={"error": "access_denied", "error_description": "User said no", "state": state},
    )

    assert answer.headers["location"].startswith(CALLBACK)
    assert query_of(answer) == {
        "error": "access_denied", "error_description": "User said no", "state": "s-1"
    }  # fmt: skip


def test_linked_native_user_is_who_signs_in_through_the_provider(
    fed: Federation, http: httpx.Client, unique_name: Callable[[str], str]
) -> None:
    name = unique_name("erin")
    sub = fed.user_b(name, "erin@example.com")
    native = unique_name("native")
    fed.cognito.admin_create_user(UserPoolId=fed.pool_a, Username=native, MessageAction="SUPPRESS")
    fed.cognito.admin_link_provider_for_user(
        UserPoolId=fed.pool_a,
        DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": native},
        SourceUser={"ProviderName": PROVIDER, "ProviderAttributeName": "Cognito_Subject",
                    "ProviderAttributeValue": sub},
    )  # fmt: skip

    claims = claims_of(str(_federated_tokens(fed, http, name)["id_token"]))

    assert claims["cognito:username"] == native


def test_unlinked_identity_signs_in_as_its_own_federated_user(
    fed: Federation, http: httpx.Client, unique_name: Callable[[str], str]
) -> None:
    name = unique_name("finn")
    sub = fed.user_b(name, "finn@example.com")
    native = unique_name("native")
    fed.cognito.admin_create_user(UserPoolId=fed.pool_a, Username=native, MessageAction="SUPPRESS")
    source = {"ProviderName": PROVIDER, "ProviderAttributeName": "Cognito_Subject",
              "ProviderAttributeValue": sub}  # fmt: skip
    fed.cognito.admin_link_provider_for_user(
        UserPoolId=fed.pool_a, SourceUser=source,
        DestinationUser={"ProviderName": "Cognito", "ProviderAttributeValue": native},
    )  # fmt: skip
    fed.cognito.admin_disable_provider_for_user(UserPoolId=fed.pool_a, User=source)

    claims = claims_of(str(_federated_tokens(fed, http, name)["id_token"]))

    assert claims["cognito:username"] == f"{PROVIDER}_{sub}"


def test_sso_session_of_a_federated_user_grants_without_the_provider(
    fed: Federation, http: httpx.Client, unique_name: Callable[[str], str]
) -> None:
    name = unique_name("gail")
    fed.user_b(name, "gail@example.com")
    _federated_tokens(fed, http, name)
    url = fed.authorize_url().replace(f"&identity_provider={PROVIDER}", "")

    again = http.get(url)

    assert again.headers["location"].startswith(CALLBACK)
    assert "code" in query_of(again)


def test_hosted_form_of_b_carries_a_csrf_token(fed: Federation, http: httpx.Client) -> None:
    page = follow(http, http.get(fed.authorize_url()))

    _, csrf = form_of(page)

    assert str(page.url).startswith(f"{fed.server.url}/auth/{fed.domain_b}/login")
    assert csrf
