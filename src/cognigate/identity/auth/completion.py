"""The end of a successful API sign-in, after its transaction has committed: PostAuthentication,
then PreTokenGeneration, then the tokens in a transaction of their own.

No write transaction is open while either function runs, so a trigger may call back into the
API (AdminUpdateUserAttributes, AdminAddUserToGroup, ...) without waiting for our lock.
https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-authentication.html
"""

from __future__ import annotations

from dataclasses import replace

from cognigate.identity.auth.issuance import Grant, Issuance, issue
from cognigate.identity.auth.lambda_triggers import (
    TokenCustomisation,
    customise_tokens,
    post_authentication,
)
from cognigate.identity.auth.signed_in import SignedIn
from cognigate.identity.context import Deps
from cognigate.identity.errors import NotAuthorizedException
from cognigate.identity.tokens import ADMIN_SCOPE


def complete_sign_in(deps: Deps, signed: SignedIn) -> Grant:
    """PostAuthentication, PreTokenGeneration, then ID, access and refresh tokens.

    The bookkeeping of the sign-in (failed attempts cleared, challenge consumed) is already
    committed: a failing trigger fails the sign-in without undoing it, and no tokens are issued.

    :raises UserLambdaValidationException: PostAuthentication or PreTokenGeneration failed.
    :raises NotAuthorizedException: the user was deleted while the triggers ran.
    """
    post_authentication(deps, signed)
    return issue_tokens(deps, signed, token_customisation(deps, signed))


def token_customisation(deps: Deps, signed: SignedIn) -> TokenCustomisation:
    """Run PreTokenGeneration (outside any transaction) for the signed-in user's tokens."""
    # AWS parity: the tokens show the user as the sign-in found them; what PostAuthentication
    # changes is "reflected on the next sign-in".
    return customise_tokens(
        deps,
        signed.pool,
        signed.user,
        signed.groups,
        client_id=signed.client.id,
        source=signed.source,
        scope=ADMIN_SCOPE,
    )


def issue_tokens(deps: Deps, signed: SignedIn, custom: TokenCustomisation) -> Grant:
    """Sign the tokens and record the refresh token, in a write transaction of their own."""
    with deps.uow(write=True) as store:
        if signed.user.pk is None or store.users.get_by_pk(signed.user.pk) is None:
            raise NotAuthorizedException("User does not exist.")
        grant, _ = issue(
            deps,
            store,
            pool=signed.pool,
            client=signed.client,
            user=signed.user,
            issuance=Issuance(
                signed.auth_time, trigger_source=signed.source, device_key=signed.device_key
            ),
            custom=custom,
        )
    return replace(grant, new_device=signed.new_device)
