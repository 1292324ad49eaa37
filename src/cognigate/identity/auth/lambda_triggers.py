"""The sign-in Lambda triggers: PreAuthentication, PostAuthentication and PreTokenGeneration
(V1, and V2/V3 with access-token customisation).

https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from cognigate.identity.auth.context import AuthCall
from cognigate.identity.auth.signed_in import SignedIn
from cognigate.identity.context import Deps
from cognigate.identity.group_roles import iam_roles, preferred_role
from cognigate.identity.model import Group, User, UserPool
from cognigate.identity.tokens import ClaimOverrides
from cognigate.identity.triggers import Event, envelope, run_trigger, trigger_function

TOKEN_AUTHENTICATION = "TokenGeneration_Authentication"
TOKEN_REFRESH = "TokenGeneration_RefreshTokens"
TOKEN_NEW_PASSWORD = "TokenGeneration_NewPasswordChallenge"
TOKEN_HOSTED_AUTH = "TokenGeneration_HostedAuth"


def user_attributes(user: User) -> dict[str, str]:
    """``request.userAttributes`` of a trigger event (with ``cognito:user_status``)."""
    return {**user.attribute_map(), "cognito:user_status": user.status.value}


def _object(value: object) -> Mapping[str, object]:
    return value if isinstance(value, Mapping) else {}


def response_of(result: Event | None) -> Mapping[str, object]:
    """The ``response`` member a trigger returned (empty when absent or malformed)."""
    return _object(result.get("response")) if result is not None else {}


def pre_authentication(call: AuthCall, user: User) -> None:
    """Run PreAuthentication; a failing function rejects the sign-in.

    :raises UserLambdaValidationException: "PreAuthentication failed with error <message>."
    """
    # AWS parity: the sign-in's ClientMetadata arrives as validationData
    request = {
        "userAttributes": user_attributes(user),
        "validationData": dict(call.metadata),
        "userNotFound": False,
    }
    event = envelope(
        call.pool,
        trigger_source="PreAuthentication_Authentication",
        username=user.username,
        client_id=call.client.id,
        request=request,
    )
    run_trigger(call.deps.functions, call.pool, "PreAuthentication", event)


def post_authentication(deps: Deps, signed: SignedIn) -> None:
    """Run PostAuthentication (its answer is ignored; a failure fails the sign-in).

    Callers run it once the sign-in's transaction has committed and before any token is
    issued, so the function may call back into the API without waiting for our lock.

    :raises UserLambdaValidationException: "PostAuthentication failed with error <message>."
    """
    request = {
        "userAttributes": user_attributes(signed.user),
        "newDeviceUsed": False,
        "clientMetadata": dict(signed.metadata),
    }
    event = envelope(
        signed.pool,
        trigger_source="PostAuthentication_Authentication",
        username=signed.user.username,
        client_id=signed.client.id,
        request=request,
    )
    run_trigger(deps.functions, signed.pool, "PostAuthentication", event)


@dataclass(frozen=True, slots=True)
class TokenCustomisation:
    """What PreTokenGeneration changed: the groups and each token's claim overrides."""

    groups: tuple[str, ...]
    id_overrides: ClaimOverrides | None = None
    access_overrides: ClaimOverrides | None = None
    #: the groups' ``cognito:roles`` and ``cognito:preferred_role`` (a trigger's
    #: ``iamRolesToOverride`` / ``preferredRole`` arrive as ID-token claim overrides)
    roles: tuple[str, ...] = ()
    preferred_role: str | None = None


def _lambda_version(pool: UserPool) -> str:
    config = pool.config.lambda_config.get("PreTokenGenerationConfig")
    version = _object(config).get("LambdaVersion")
    return {"V2_0": "2", "V3_0": "3"}.get(str(version), "1")


def _group_configuration(groups: Sequence[Group]) -> dict[str, object]:
    return {
        "groupsToOverride": [g.name for g in groups],
        "iamRolesToOverride": list(iam_roles(groups)),
        "preferredRole": preferred_role(groups),
    }


def _strings(value: object) -> list[str] | None:
    if not isinstance(value, list):
        return None
    return [str(item) for item in value]


def _overrides(details: Mapping[str, object], extra: Mapping[str, object]) -> ClaimOverrides:
    added = {**_object(details.get("claimsToAddOrOverride")), **extra}
    return ClaimOverrides(added, frozenset(_strings(details.get("claimsToSuppress")) or ()))


def _group_override(
    response: Mapping[str, object], groups: tuple[str, ...]
) -> tuple[tuple[str, ...], dict[str, object]]:
    """The groups after ``groupOverrideDetails``, and the ID token's role claims."""
    details = _object(response.get("groupOverrideDetails"))
    chosen = _strings(details.get("groupsToOverride"))
    roles = _strings(details.get("iamRolesToOverride"))
    extra: dict[str, object] = {}
    if roles:
        extra["cognito:roles"] = roles
    if isinstance(details.get("preferredRole"), str):
        extra["cognito:preferred_role"] = details["preferredRole"]
    return (tuple(chosen) if chosen is not None else groups), extra


def _scope_claim(details: Mapping[str, object], scope: str) -> dict[str, object]:
    added, removed = _strings(details.get("scopesToAdd")), _strings(details.get("scopesToSuppress"))
    if not added and not removed:
        return {}
    kept = [s for s in scope.split() if s not in set(removed or ())]
    return {"scope": " ".join(dict.fromkeys(kept + (added or [])))}


def _customisation(
    version: str, response: Mapping[str, object], groups: tuple[str, ...], scope: str
) -> TokenCustomisation:
    if version == "1":
        details = _object(response.get("claimsOverrideDetails"))
        chosen, roles = _group_override(details, groups)
        return TokenCustomisation(chosen, _overrides(details, roles), None)
    details = _object(response.get("claimsAndScopeOverrideDetails"))
    chosen, roles = _group_override(details, groups)
    access = _object(details.get("accessTokenGeneration"))
    return TokenCustomisation(
        chosen,
        _overrides(_object(details.get("idTokenGeneration")), roles),
        _overrides(access, _scope_claim(access, scope)),
    )


def customise_tokens(
    deps: Deps,
    pool: UserPool,
    user: User,
    groups: Sequence[Group],
    *,
    client_id: str,
    source: str,
    scope: str,
) -> TokenCustomisation:
    """Run PreTokenGeneration (when configured) for one issuance.

    :raises UserLambdaValidationException: the function failed.
    """
    names = tuple(g.name for g in groups)
    roles, preferred = iam_roles(groups), preferred_role(groups)
    if trigger_function(pool, "PreTokenGeneration") is None:
        return TokenCustomisation(names, roles=roles, preferred_role=preferred)
    version = _lambda_version(pool)
    request: dict[str, object] = {
        "userAttributes": user_attributes(user),
        "groupConfiguration": _group_configuration(groups),
        "clientMetadata": {},
    }
    if version != "1":
        request["scopes"] = scope.split()
    event = envelope(
        pool, trigger_source=source, username=user.username, client_id=client_id, request=request
    )
    event["version"] = version
    result = run_trigger(deps.functions, pool, "PreTokenGeneration", event)
    custom = _customisation(version, response_of(result), names, scope)
    return replace(custom, roles=roles, preferred_role=preferred)
