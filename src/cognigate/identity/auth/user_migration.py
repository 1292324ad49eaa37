"""The UserMigration trigger: a sign-in by a user unknown to the pool asks the function, which
may vouch for the user (and the password) from an old system; the user is then created.

https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html
"""

from __future__ import annotations

from collections.abc import Mapping

from cognigate.core.ids import new_uuid
from cognigate.identity import attributes as attrs
from cognigate.identity.auth.context import AuthCall
from cognigate.identity.auth.lambda_triggers import response_of
from cognigate.identity.errors import UsernameExistsException
from cognigate.identity.model import User, UserStatus
from cognigate.identity.ports import DuplicateKey
from cognigate.identity.triggers import envelope, run_trigger, trigger_function
from cognigate.identity.user_store import password_record, save_user
from cognigate.identity.users import NewUser
from cognigate.identity.users import _sign_in_name as sign_in_name

#: attributes the function may not set (Cognito assigns them)
_ASSIGNED = frozenset({"sub", "cognito:username", "cognito:user_status"})


def migrate_user(call: AuthCall, username: str, password: str) -> User | None:
    """Run UserMigration_Authentication for an unknown ``username``; the new user, if vouched.

    :raises UserLambdaValidationException: the function failed (e.g. it rejects the password).
    """
    if trigger_function(call.pool, "UserMigration") is None:
        return None
    request = {
        "password": password,
        "validationData": dict(call.metadata),
        "clientMetadata": dict(call.metadata),
    }
    event = envelope(
        call.pool,
        trigger_source="UserMigration_Authentication",
        username=username,
        client_id=call.client.id,
        request=request,
    )
    answer = response_of(run_trigger(call.deps.functions, call.pool, "UserMigration", event))
    given = answer.get("userAttributes")
    if not isinstance(given, Mapping):
        return None
    return _create(call, username, password, given, answer)


def _create(
    call: AuthCall,
    typed: str,
    password: str,
    given: Mapping[object, object],
    answer: Mapping[str, object],
) -> User:
    """Store the migrated user, CONFIRMED unless ``finalUserStatus`` says RESET_REQUIRED."""
    # Deviation: no welcome message is sent, whatever ``messageAction`` says.
    pool, now = call.pool, call.now
    pairs = tuple((str(k), str(v)) for k, v in given.items() if str(k) not in _ASSIGNED)
    name, chosen = sign_in_name(pool, NewUser(pool_id=pool.id, username=typed, attributes=pairs))
    sub = name if pool.config.username_attributes else new_uuid()
    reset = answer.get("finalUserStatus") == "RESET_REQUIRED"
    user = User(
        pool_id=pool.id,
        username=name,
        sub=sub,
        status=UserStatus.RESET_REQUIRED if reset else UserStatus.CONFIRMED,
        enabled=True,
        created=now,
        modified=now,
        attributes=(("sub", sub), *attrs.check_attributes(pool, chosen, creating=True)),
        password=password_record(pool, name, password, now),
    )
    try:
        user = call.store.users.add(user, attrs.username_key(pool, name))
    except DuplicateKey as error:
        raise UsernameExistsException("User account already exists") from error
    force = answer.get("forceAliasCreation") is True
    return save_user(call.store, pool, user, force_alias=force, creating=True)
