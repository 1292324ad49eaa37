"""Handlers of SetUICustomization and GetUICustomization (the hosted UI's CSS and logo)."""

from __future__ import annotations

import base64
import binascii

from cognigate.identity.errors import InvalidParameterException
from cognigate.identity.ports import UiCustomization
from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler


def _image(value: object) -> bytes | None:
    if value is None:
        return None
    try:
        return base64.b64decode(str(value), validate=True)
    except (binascii.Error, ValueError) as error:
        raise InvalidParameterException("ImageFile is not valid base64.") from error


def handlers(service: IdentityService) -> dict[str, Handler]:
    ui = service.ui

    def customization_out(pool_id: str, client_id: str | None,
                          record: UiCustomization | None) -> Wire:  # fmt: skip
        out: Wire = {"UserPoolId": pool_id, "ClientId": client_id or "ALL"}
        if record is None:
            return out
        out["ClientId"] = record.client_id
        image_url = ui.image_url(record)
        if image_url is not None:
            out["ImageUrl"] = image_url
        if record.css is not None:
            out["CSS"] = record.css
            out["CSSVersion"] = str(int(record.modified * 1000))
        out |= {"LastModifiedDate": record.modified, "CreationDate": record.created}
        return out

    def set_ui_customization(params: Wire, _: CallContext) -> Wire:
        pool_id, client_id = params["UserPoolId"], params.get("ClientId")
        record = ui.set(pool_id, client_id, params.get("CSS"), _image(params.get("ImageFile")))
        return {"UICustomization": customization_out(pool_id, client_id, record)}

    def get_ui_customization(params: Wire, _: CallContext) -> Wire:
        pool_id, client_id = params["UserPoolId"], params.get("ClientId")
        record = ui.get(pool_id, client_id)
        return {"UICustomization": customization_out(pool_id, client_id, record)}

    return {
        "SetUICustomization": set_ui_customization,
        "GetUICustomization": get_ui_customization,
    }
