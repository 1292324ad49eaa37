"""Handlers of InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge,
AdminRespondToAuthChallenge, GetTokensFromRefreshToken and GetUserAuthFactors."""

from __future__ import annotations

from cognigate.identity.auth.issuance import Grant
from cognigate.identity.auth.result import AuthResult
from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.wire import drop_none


def grant_out(grant: Grant) -> Wire:
    out: Wire = {
        "AccessToken": grant.access_token,
        "ExpiresIn": grant.expires_in,
        "TokenType": grant.token_type,
    }
    if grant.refresh_token is not None:
        out["RefreshToken"] = grant.refresh_token
    if grant.id_token is not None:
        out["IdToken"] = grant.id_token
    if grant.new_device is not None:
        out["NewDeviceMetadata"] = {
            "DeviceKey": grant.new_device.device_key,
            "DeviceGroupKey": grant.new_device.device_group_key,
        }
    return out


def result_out(result: AuthResult) -> Wire:
    out: Wire = {}
    if result.challenge is not None:
        out["ChallengeName"] = result.challenge
    if result.session is not None:
        out["Session"] = result.session
    out["ChallengeParameters"] = dict(result.parameters)
    if result.grant is not None:
        out["AuthenticationResult"] = grant_out(result.grant)
    if result.available:
        out["AvailableChallenges"] = list(result.available)
    return out


def handlers(service: IdentityService) -> dict[str, Handler]:
    auth = service.auth

    def initiate_auth(params: Wire, _: CallContext) -> Wire:
        return result_out(
            auth.initiate(
                client_id=params["ClientId"],
                flow=params["AuthFlow"],
                params=params.get("AuthParameters") or {},
            )
        )

    def admin_initiate_auth(params: Wire, _: CallContext) -> Wire:
        return result_out(
            auth.initiate(
                client_id=params["ClientId"],
                flow=params["AuthFlow"],
                params=params.get("AuthParameters") or {},
                pool_id=params["UserPoolId"],
            )
        )

    def respond_to_auth_challenge(params: Wire, _: CallContext) -> Wire:
        return result_out(
            auth.respond(
                client_id=params["ClientId"],
                challenge=params["ChallengeName"],
                session=params.get("Session"),
                answers=params.get("ChallengeResponses") or {},
            )
        )

    def admin_respond_to_auth_challenge(params: Wire, _: CallContext) -> Wire:
        return result_out(
            auth.respond(
                client_id=params["ClientId"],
                challenge=params["ChallengeName"],
                session=params.get("Session"),
                answers=params.get("ChallengeResponses") or {},
                pool_id=params["UserPoolId"],
            )
        )

    def get_tokens_from_refresh_token(params: Wire, _: CallContext) -> Wire:
        grant = auth.tokens_from_refresh_token(
            client_id=params["ClientId"],
            refresh_token=params["RefreshToken"],
            client_secret=params.get("ClientSecret"),
            device_key=params.get("DeviceKey"),
        )
        return {"AuthenticationResult": grant_out(grant)}

    def get_user_auth_factors(params: Wire, _: CallContext) -> Wire:
        factors = auth.user_auth_factors(params["AccessToken"])
        return drop_none(
            {
                "Username": factors.username,
                "PreferredMfaSetting": factors.preferred_mfa,
                "UserMFASettingList": list(factors.mfa_settings) or None,
                "ConfiguredUserAuthFactors": list(factors.first_factors),
            }
        )

    return {
        "InitiateAuth": initiate_auth,
        "AdminInitiateAuth": admin_initiate_auth,
        "RespondToAuthChallenge": respond_to_auth_challenge,
        "AdminRespondToAuthChallenge": admin_respond_to_auth_challenge,
        "GetTokensFromRefreshToken": get_tokens_from_refresh_token,
        "GetUserAuthFactors": get_user_auth_factors,
    }
