"""Handlers of ConfirmDevice, GetDevice, ListDevices, UpdateDeviceStatus, ForgetDevice and
their Admin twins."""

from __future__ import annotations

from typing import Any

from cognigate.identity.devices import DeviceRecord, DeviceVerifier
from cognigate.identity.model import Page
from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler
from cognigate.providers.cognito_idp.wire import attributes_out


def device_out(device: DeviceRecord) -> Wire:
    """DeviceType."""
    return {
        "DeviceKey": device.key,
        "DeviceAttributes": attributes_out(device.attributes),
        "DeviceCreateDate": device.created,
        "DeviceLastModifiedDate": device.modified,
        "DeviceLastAuthenticatedDate": device.last_authenticated,
    }


def _page_out(page: Page[DeviceRecord]) -> Wire:
    out: Wire = {"Devices": [device_out(d) for d in page.items]}
    if page.next_token is not None:
        out["PaginationToken"] = page.next_token
    return out


def _verifier_in(config: Any) -> DeviceVerifier | None:
    if not config:
        return None
    return DeviceVerifier(
        salt=str(config.get("Salt") or ""),
        password_verifier=str(config.get("PasswordVerifier") or ""),
    )


class DeviceHandlers:
    """The user's remembered devices, by access token or as an administrator."""

    def __init__(self, service: IdentityService) -> None:
        self._devices = service.devices

    def confirm_device(self, params: Wire, context: CallContext) -> Wire:
        necessary = self._devices.confirm_device(
            params["AccessToken"],
            params["DeviceKey"],
            _verifier_in(params.get("DeviceSecretVerifierConfig")),
            device_name=params.get("DeviceName"),
            client_ip=context.client_ip,
        )
        return {"UserConfirmationNecessary": necessary}

    def get_device(self, params: Wire, _: CallContext) -> Wire:
        device = self._devices.get_device(params.get("AccessToken"), params["DeviceKey"])
        return {"Device": device_out(device)}

    def admin_get_device(self, params: Wire, _: CallContext) -> Wire:
        device = self._devices.admin_get_device(
            params["UserPoolId"], params["Username"], params["DeviceKey"]
        )
        return {"Device": device_out(device)}

    def list_devices(self, params: Wire, _: CallContext) -> Wire:
        page = self._devices.list_devices(
            params["AccessToken"], params.get("Limit"), params.get("PaginationToken")
        )
        return _page_out(page)

    def admin_list_devices(self, params: Wire, _: CallContext) -> Wire:
        page = self._devices.admin_list_devices(
            params["UserPoolId"],
            params["Username"],
            params.get("Limit"),
            params.get("PaginationToken"),
        )
        return _page_out(page)

    def update_device_status(self, params: Wire, _: CallContext) -> Wire:
        self._devices.update_device_status(
            params["AccessToken"], params["DeviceKey"], params.get("DeviceRememberedStatus")
        )
        return {}

    def admin_update_device_status(self, params: Wire, _: CallContext) -> Wire:
        self._devices.admin_update_device_status(
            params["UserPoolId"],
            params["Username"],
            params["DeviceKey"],
            params.get("DeviceRememberedStatus"),
        )
        return {}

    def forget_device(self, params: Wire, _: CallContext) -> Wire:
        self._devices.forget_device(params.get("AccessToken"), params["DeviceKey"])
        return {}

    def admin_forget_device(self, params: Wire, _: CallContext) -> Wire:
        self._devices.admin_forget_device(
            params["UserPoolId"], params["Username"], params["DeviceKey"]
        )
        return {}


def handlers(service: IdentityService) -> dict[str, Handler]:
    handler = DeviceHandlers(service)
    return {
        "ConfirmDevice": handler.confirm_device,
        "GetDevice": handler.get_device,
        "AdminGetDevice": handler.admin_get_device,
        "ListDevices": handler.list_devices,
        "AdminListDevices": handler.admin_list_devices,
        "UpdateDeviceStatus": handler.update_device_status,
        "AdminUpdateDeviceStatus": handler.admin_update_device_status,
        "ForgetDevice": handler.forget_device,
        "AdminForgetDevice": handler.admin_forget_device,
    }
