"""MFA operations: AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference,
AdminSetUserMFAPreference, (Admin)SetUserSettings, GetUserPoolMfaConfig and SetUserPoolMfaConfig.

https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from cognigate.identity import totp
from cognigate.identity.auth.access import authenticate
from cognigate.identity.auth.context import AuthCall
from cognigate.identity.auth.mfa import SETUP, pending
from cognigate.identity.auth.sessions import INVALID_SESSION, SessionCodec
from cognigate.identity.context import Deps, require_pool
from cognigate.identity.errors import (
    EnableSoftwareTokenMFAException,
    InvalidParameterException,
    NotAuthorizedException,
    SoftwareTokenMFANotFoundException,
)
from cognigate.identity.mfa_preferences import (
    FactorSetting,
    PoolMfaChange,
    PoolMfaView,
    apply_legacy_options,
    apply_preferences,
    pool_view,
)
from cognigate.identity.mfa_state import TOTP, SecretBox, pool_factors, read, write
from cognigate.identity.model import User, UserPool
from cognigate.identity.ports import IdentityStore
from cognigate.identity.user_store import require_user, save_user

CODE_MISMATCH = "Code mismatch and fail enable Software Token MFA"
NOT_IN_POOL = "Software Token MFA has not been enabled by the userPool."
NOT_ASSOCIATED = "Software Token MFA does not exist for the user."


@dataclass(frozen=True, slots=True)
class Credential:
    """How a software-token call is authorised: an access token or an MFA_SETUP session."""

    access_token: str | None = None
    session: str | None = None


@dataclass(frozen=True, slots=True)
class _Subject:
    """The user a software-token call works on, and how to continue its sign-in (if any)."""

    store: IdentityStore
    pool: UserPool
    user: User
    call: AuthCall | None = None
    auth_time: float = 0.0


class MfaOperations:
    """Software tokens, users' MFA preferences and the pool's MFA configuration."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._codec = SessionCodec(deps.secret)
        self._box = SecretBox(deps.secret)

    @contextmanager
    def _subject(self, credential: Credential) -> Iterator[_Subject]:
        if bool(credential.access_token) == bool(credential.session):
            raise InvalidParameterException("Provide either an access token or a session.")
        with self._deps.uow(write=True) as store:
            if credential.access_token:
                caller = authenticate(self._deps, store, credential.access_token)
                yield _Subject(store, caller.pool, caller.user)
                return
            yield self._setup_subject(store, str(credential.session))

    def _setup_subject(self, store: IdentityStore, token: str) -> _Subject:
        """The user signing in with an MFA_SETUP session.

        :raises NotAuthorizedException: invalid or expired session.
        """
        unchecked = self._codec.open(token, now=self._deps.clock.now(), validity=float("inf"))
        pool = store.pools.get(unchecked.pool_id)
        client = store.clients.get(unchecked.pool_id, unchecked.client_id)
        if pool is None or client is None:
            raise NotAuthorizedException(INVALID_SESSION)
        call = AuthCall(self._deps, self._codec, store, pool, client)
        session, user, _ = pending(call, token, SETUP)
        return _Subject(store, pool, user, call, session.auth_time)

    def _next_session(self, subject: _Subject, user: User, stage: str) -> str | None:
        if subject.call is None:
            return None
        record = user.state.get("mfa_challenge")
        nonce = record.get("nonce") if isinstance(record, Mapping) else None
        data = {"n": nonce, "stage": stage}
        return subject.call.seal(user.username, SETUP, auth_time=subject.auth_time, data=data)

    def associate_software_token(self, credential: Credential) -> tuple[str, str | None]:
        """AssociateSoftwareToken: a new TOTP secret (base32) and, for a session, a new one.

        :raises SoftwareTokenMFANotFoundException: the pool does not offer TOTP.
        :raises NotAuthorizedException: bad access token or session.
        """
        with self._subject(credential) as subject:
            if TOTP not in pool_factors(subject.pool):
                raise SoftwareTokenMFANotFoundException(NOT_IN_POOL)
            secret = totp.new_secret()
            mfa = replace(read(subject.user), pending_secret=self._box.seal(secret))
            user = save_user(subject.store, subject.pool, write(subject.user, mfa))
            return secret, self._next_session(subject, user, "associated")

    def verify_software_token(
        self, credential: Credential, code: str, device_name: str | None = None
    ) -> tuple[str, str | None]:
        """VerifySoftwareToken: ``("SUCCESS", session?)`` once a code matches the new secret.

        Through MFA_SETUP (or in a pool that requires MFA) TOTP is then enabled as well.

        :raises EnableSoftwareTokenMFAException: the code does not match.
        :raises SoftwareTokenMFANotFoundException: no AssociateSoftwareToken before.
        """
        with self._subject(credential) as subject:
            mfa = read(subject.user)
            if mfa.pending_secret is None:
                raise SoftwareTokenMFANotFoundException(NOT_ASSOCIATED)
            secret = self._box.open(mfa.pending_secret)
            step = totp.matching_step(secret, code, now=self._deps.clock.now())
            if step is None:
                raise EnableSoftwareTokenMFAException(CODE_MISMATCH)
            mfa = replace(
                mfa,
                totp_secret=mfa.pending_secret,
                pending_secret=None,
                device_name=device_name or mfa.device_name,
                last_step=step,
            )
            if subject.call is not None or subject.pool.config.mfa_configuration == "ON":
                enabled = (*mfa.enabled, TOTP) if TOTP not in mfa.enabled else mfa.enabled
                mfa = replace(mfa, enabled=enabled, preferred=mfa.preferred or TOTP)
            user = save_user(subject.store, subject.pool, write(subject.user, mfa))
            return "SUCCESS", self._next_session(subject, user, "verified")

    def set_user_mfa_preference(
        self, access_token: str, settings: Mapping[str, FactorSetting]
    ) -> None:
        """SetUserMFAPreference for the access token's user (see :func:`apply_preferences`)."""
        with self._deps.uow(write=True) as store:
            caller = authenticate(self._deps, store, access_token)
            updated = apply_preferences(caller.pool, caller.user, settings)
            save_user(store, caller.pool, updated)

    def admin_set_user_mfa_preference(
        self, pool_id: str, username: str, settings: Mapping[str, FactorSetting]
    ) -> None:
        """AdminSetUserMFAPreference. :raises UserNotFoundException: unknown user."""
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            user = require_user(store, pool, username)
            save_user(store, pool, apply_preferences(pool, user, settings))

    def set_user_settings(self, access_token: str, options: Sequence[tuple[str, str]]) -> None:
        """SetUserSettings for the access token's user (see :func:`apply_legacy_options`)."""
        with self._deps.uow(write=True) as store:
            caller = authenticate(self._deps, store, access_token)
            save_user(store, caller.pool, apply_legacy_options(caller.pool, caller.user, options))

    def admin_set_user_settings(
        self, pool_id: str, username: str, options: Sequence[tuple[str, str]]
    ) -> None:
        """AdminSetUserSettings. :raises UserNotFoundException: unknown user."""
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            user = require_user(store, pool, username)
            save_user(store, pool, apply_legacy_options(pool, user, options))

    def get_pool_config(self, pool_id: str) -> PoolMfaView:
        """GetUserPoolMfaConfig. :raises ResourceNotFoundException: unknown pool."""
        with self._deps.uow(write=False) as store:
            return pool_view(require_pool(store, pool_id))

    def set_pool_config(self, pool_id: str, change: PoolMfaChange) -> PoolMfaView:
        """SetUserPoolMfaConfig; returns the updated pool.

        :raises InvalidParameterException: OFF with a factor, or ON/OPTIONAL with none.
        """
        with self._deps.uow(write=True) as store:
            pool = require_pool(store, pool_id)
            updated = change.applied_to(pool, self._deps.clock.now())
            store.pools.save(updated)
            return pool_view(updated)


__all__ = ["Credential", "FactorSetting", "MfaOperations", "PoolMfaChange", "PoolMfaView"]
