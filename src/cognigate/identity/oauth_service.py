"""The hosted UI's OAuth 2.0 / OIDC operations of a pool domain: authorization requests,
single sign-on, grants, the token/userInfo/revoke endpoints and logout.

https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cognigate.identity import oauth_userinfo
from cognigate.identity.context import Deps
from cognigate.identity.model import User, UserPool, UserStatus
from cognigate.identity.oauth_errors import InvalidRequest, OAuthError, RedirectMismatch
from cognigate.identity.oauth_grants import grant_redirect
from cognigate.identity.oauth_requests import (
    AuthorizationRequest,
    check_authorization,
    resolve_client,
)
from cognigate.identity.oauth_sessions import HostedSession, HostedState
from cognigate.identity.oauth_tokens import ClientAuth, TokenBody, TokenCall, authenticate_client
from cognigate.identity.oauth_tokens import grant_for as token_grant
from cognigate.identity.ports import IdentityStore


@dataclass(frozen=True, slots=True)
class LogoutTarget:
    """Where ``/logout`` sends the browser: a registered logout URL, or back to sign-in."""

    logout_uri: str | None = None
    login: AuthorizationRequest | None = None


def _pool(store: IdentityStore, domain: str) -> UserPool:
    record = store.domains.get(domain)
    pool = store.pools.get(record.pool_id) if record else None
    if pool is None:
        raise InvalidRequest("Unknown domain")
    return pool


class OAuthOperations:
    """Everything the ``oauth`` edge asks of the user-pool domain."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self.state = HostedState(deps.secret)

    @property
    def now(self) -> float:
        return self._deps.clock.now()

    def pool_id_of(self, domain: str) -> str | None:
        """The pool behind a domain prefix, or ``None``."""
        with self._deps.uow(write=False) as store:
            record = store.domains.get(domain)
        return record.pool_id if record else None

    def check(self, domain: str, params: Mapping[str, str]) -> AuthorizationRequest:
        """Validate an authorization request (see :func:`check_authorization`)."""
        with self._deps.uow(write=False) as store:
            return check_authorization(store, domain, params)

    def session_user(self, pool_id: str, session: HostedSession | None) -> User | None:
        """The user of a live SSO session, unless disabled, unconfirmed or signed out since."""
        if session is None:
            return None
        with self._deps.uow(write=False) as store:
            user = store.users.get_by_sub(pool_id, session.sub)
        signed_in = (UserStatus.CONFIRMED, UserStatus.EXTERNAL_PROVIDER)
        if user is None or not user.enabled or user.status not in signed_in:
            return None
        signed_out = user.state.get("signed_out_at")
        if isinstance(signed_out, int | float) and signed_out >= session.issued:
            return None
        return user

    def new_session(self, pool_id: str, user: User, auth_time: float) -> str:
        """A sealed SSO session cookie value for a user who just signed in."""
        return self.state.seal_session(HostedSession(pool_id, user.sub, auth_time, self.now))

    def grant(self, request: AuthorizationRequest, user: User, auth_time: float) -> str:
        """The redirect URL carrying a code or implicit tokens for ``user``."""
        with self._deps.uow(write=True) as store:
            return grant_redirect(self._deps, store, request, user, auth_time)

    def token(self, domain: str, form: Mapping[str, str], auth: ClientAuth) -> TokenBody:
        """POST /oauth2/token.

        :raises OAuthError: invalid_request, invalid_client, invalid_grant, unauthorized_client,
            unsupported_grant_type, invalid_scope.
        """
        handler = token_grant(form.get("grant_type"))
        failure: OAuthError
        with self._deps.uow(write=True) as store:
            try:
                pool = _pool(store, domain)
                client = authenticate_client(store, pool, auth)
                return handler(TokenCall(self._deps, store, pool, client), form)
            except OAuthError as error:
                # committed on purpose: a replayed code revokes what it was exchanged for
                failure = error
        raise failure

    def user_info(self, domain: str, token: str) -> dict[str, str]:
        """GET /oauth2/userInfo. :raises InvalidToken, InvalidRequest:"""
        with self._deps.uow(write=False) as store:
            return oauth_userinfo.user_info(self._deps, store, _pool(store, domain), token)

    def revoke(self, domain: str, token: str | None, auth: ClientAuth) -> None:
        """POST /oauth2/revoke. :raises InvalidClient, InvalidRequest, UnsupportedTokenType:"""
        with self._deps.uow(write=True) as store:
            client = authenticate_client(store, _pool(store, domain), auth)
            oauth_userinfo.revoke(store, client, token)

    def logout(self, domain: str, params: Mapping[str, str]) -> LogoutTarget:
        """GET /logout: ``logout_uri`` must be registered; else re-login parameters.

        :raises RedirectMismatch: unknown client, unregistered logout_uri, nothing to go to.
        :raises RedirectableError: a re-login request with bad parameters.
        """
        with self._deps.uow(write=False) as store:
            _, client = resolve_client(store, domain, params.get("client_id"))
            logout_uri = params.get("logout_uri")
            if logout_uri:
                if logout_uri not in (client.config.logout_urls or ()):
                    raise RedirectMismatch(client.id, "logout_uri is not a registered LogoutURL")
                return LogoutTarget(logout_uri=logout_uri)
            if params.get("redirect_uri") and params.get("response_type"):
                return LogoutTarget(login=check_authorization(store, domain, params))
        raise RedirectMismatch(client.id, "logout needs logout_uri or redirect_uri")
