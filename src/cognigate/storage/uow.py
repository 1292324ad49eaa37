"""Unit of work for the user-pool domain: one SQLAlchemy session and transaction per call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from cryptography.fernet import Fernet
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cognigate.storage.engine import WRITE_OPTION
from cognigate.storage.repositories.consumed_challenges import SqlConsumedChallengeRepository
from cognigate.storage.repositories.devices import SqlDeviceRepository
from cognigate.storage.repositories.identity import (
    SqlClientRepository,
    SqlDomainRepository,
    SqlPoolRepository,
    SqlResourceServerRepository,
)
from cognigate.storage.repositories.identity_providers import (
    SqlIdentityProviderRepository,
    SqlProviderLinkRepository,
)
from cognigate.storage.repositories.oauth import (
    SqlAuthorizationCodeRepository,
    SqlUiCustomizationRepository,
)
from cognigate.storage.repositories.outbox import SqlOutboxRepository
from cognigate.storage.repositories.signing_certificates import SqlSigningCertificateRepository
from cognigate.storage.repositories.tokens import SqlRefreshTokenRepository, SqlSigningKeyRepository
from cognigate.storage.repositories.user_import_jobs import SqlUserImportJobRepository
from cognigate.storage.repositories.users import SqlGroupRepository, SqlUserRepository
from cognigate.storage.secrets import instance_secret


@dataclass(frozen=True, slots=True)
class SqlIdentityStore:
    """The repositories bound to one session (implements ``identity.ports.IdentityStore``)."""

    pools: SqlPoolRepository
    clients: SqlClientRepository
    domains: SqlDomainRepository
    users: SqlUserRepository
    groups: SqlGroupRepository
    resource_servers: SqlResourceServerRepository
    outbox: SqlOutboxRepository
    signing_keys: SqlSigningKeyRepository
    refresh_tokens: SqlRefreshTokenRepository
    authorization_codes: SqlAuthorizationCodeRepository
    ui_customizations: SqlUiCustomizationRepository
    identity_providers: SqlIdentityProviderRepository
    provider_links: SqlProviderLinkRepository
    devices: SqlDeviceRepository
    consumed_challenges: SqlConsumedChallengeRepository
    signing_certificates: SqlSigningCertificateRepository
    user_import_jobs: SqlUserImportJobRepository


class SqlIdentityUnitOfWork:
    """``with uow(write=True) as store: ...`` commits on success, rolls back on error."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        self._sealer = Fernet(instance_secret(engine, "outbox-key", Fernet.generate_key))

    @contextmanager
    def __call__(self, *, write: bool) -> Iterator[SqlIdentityStore]:
        bind = self._writer if write else self._engine
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield SqlIdentityStore(
                pools=SqlPoolRepository(session),
                clients=SqlClientRepository(session),
                domains=SqlDomainRepository(session),
                users=SqlUserRepository(session, lock=write),
                groups=SqlGroupRepository(session),
                resource_servers=SqlResourceServerRepository(session),
                outbox=SqlOutboxRepository(session, self._sealer),
                signing_keys=SqlSigningKeyRepository(session),
                refresh_tokens=SqlRefreshTokenRepository(session, lock=write),
                authorization_codes=SqlAuthorizationCodeRepository(session),
                ui_customizations=SqlUiCustomizationRepository(session),
                identity_providers=SqlIdentityProviderRepository(session),
                provider_links=SqlProviderLinkRepository(session),
                devices=SqlDeviceRepository(session),
                consumed_challenges=SqlConsumedChallengeRepository(session),
                signing_certificates=SqlSigningCertificateRepository(session),
                user_import_jobs=SqlUserImportJobRepository(session),
            )
