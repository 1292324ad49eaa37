"""The user-pool domain's entry point: one object per AWS noun, sharing their dependencies."""

from __future__ import annotations

from dataclasses import dataclass

from cognigate.core.clock import Clock
from cognigate.core.uow import UnitOfWorkFactory
from cognigate.identity.account import AccountOperations
from cognigate.identity.attribute_verification import AttributeVerificationOperations
from cognigate.identity.auth.hosted import HostedSignIn
from cognigate.identity.auth.inspect import TokenInspector
from cognigate.identity.auth.keyset import KeySetOperations
from cognigate.identity.auth.operations import AuthOperations
from cognigate.identity.auth_events import AuthEventOperations
from cognigate.identity.clients import ClientOperations
from cognigate.identity.confirmation import ConfirmationOperations
from cognigate.identity.context import Deps
from cognigate.identity.devices import DeviceOperations
from cognigate.identity.domains import DomainOperations
from cognigate.identity.federation import FederationOperations
from cognigate.identity.groups import GroupOperations
from cognigate.identity.identity_providers import IdentityProviderOperations
from cognigate.identity.mfa import MfaOperations
from cognigate.identity.oauth_service import OAuthOperations
from cognigate.identity.oidc_client import OidcClient
from cognigate.identity.outbox import OutboxOperations
from cognigate.identity.pools import PoolOperations
from cognigate.identity.ports import IdentityStore
from cognigate.identity.provider_links import ProviderLinkOperations
from cognigate.identity.recovery import RecoveryOperations
from cognigate.identity.resource_servers import ResourceServerOperations
from cognigate.identity.sign_out import SignOutOperations
from cognigate.identity.signing_certificates import SigningCertificateOperations
from cognigate.identity.signup import SignUpOperations
from cognigate.identity.triggers import FunctionInvoker
from cognigate.identity.ui_customization import UiCustomizationOperations
from cognigate.identity.user_import import UserImportOperations
from cognigate.identity.users import UserOperations


@dataclass(frozen=True, slots=True)
class IdentityService:
    """Every user-pool operation, reachable alike from the AWS API, the console and tests."""

    pools: PoolOperations
    clients: ClientOperations
    domains: DomainOperations
    users: UserOperations
    mfa: MfaOperations
    groups: GroupOperations
    resource_servers: ResourceServerOperations
    outbox: OutboxOperations
    auth: AuthOperations
    keys: KeySetOperations
    signup: SignUpOperations
    confirmation: ConfirmationOperations
    recovery: RecoveryOperations
    account: AccountOperations
    attribute_verification: AttributeVerificationOperations
    sign_out: SignOutOperations
    auth_events: AuthEventOperations
    inspector: TokenInspector
    oauth: OAuthOperations
    hosted: HostedSignIn
    ui: UiCustomizationOperations
    devices: DeviceOperations
    identity_providers: IdentityProviderOperations
    provider_links: ProviderLinkOperations
    federation: FederationOperations
    signing_certificates: SigningCertificateOperations
    user_import: UserImportOperations

    @classmethod
    def create(
        cls,
        *,
        uow: UnitOfWorkFactory[IdentityStore],
        clock: Clock,
        account_id: str,
        default_region: str,
        issuer_base: str = "http://127.0.0.1:4590",
        issuer_style: str = "local",
        secret: bytes = b"cognigate-development-secret",
        functions: FunctionInvoker | None = None,
        oidc: OidcClient | None = None,
    ) -> IdentityService:
        deps = Deps(
            uow=uow,
            clock=clock,
            account_id=account_id,
            default_region=default_region,
            issuer_base=issuer_base,
            issuer_style=issuer_style,
            secret=secret,
            functions=functions,
            oidc=oidc,
        )
        return cls(
            pools=PoolOperations(deps),
            clients=ClientOperations(deps),
            domains=DomainOperations(deps),
            users=UserOperations(deps),
            mfa=MfaOperations(deps),
            groups=GroupOperations(deps),
            resource_servers=ResourceServerOperations(deps),
            outbox=OutboxOperations(deps),
            auth=AuthOperations(deps),
            keys=KeySetOperations(deps),
            oauth=OAuthOperations(deps),
            hosted=HostedSignIn(deps),
            ui=UiCustomizationOperations(deps),
            signup=SignUpOperations(deps),
            confirmation=ConfirmationOperations(deps),
            recovery=RecoveryOperations(deps),
            account=AccountOperations(deps),
            attribute_verification=AttributeVerificationOperations(deps),
            sign_out=SignOutOperations(deps),
            auth_events=AuthEventOperations(deps),
            inspector=TokenInspector(deps),
            devices=DeviceOperations(deps),
            identity_providers=IdentityProviderOperations(deps),
            provider_links=ProviderLinkOperations(deps),
            federation=FederationOperations(deps),
            signing_certificates=SigningCertificateOperations(deps),
            user_import=UserImportOperations(deps),
        )
