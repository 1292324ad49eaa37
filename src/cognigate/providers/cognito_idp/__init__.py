"""Handlers of the ``cognito-idp`` operations, one module per AWS noun."""

from __future__ import annotations

from cognigate.identity.service import IdentityService
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp import (
    account,
    auth,
    clients,
    devices,
    domains,
    groups,
    identity_providers,
    mfa,
    pools,
    resource_servers,
    signing_certificates,
    signup,
    ui,
    user_import,
    users,
)


def handlers(service: IdentityService) -> dict[str, Handler]:
    """Every implemented operation, keyed by its AWS name."""
    table: dict[str, Handler] = {}
    modules = (
        pools,
        clients,
        domains,
        users,
        groups,
        resource_servers,
        identity_providers,
        auth,
        mfa,
        devices,
        signup,
        account,
        ui,
        signing_certificates,
        user_import,
    )
    for module in modules:
        table.update(module.handlers(service))
    return table
