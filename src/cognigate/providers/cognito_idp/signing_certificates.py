"""Handler of GetSigningCertificate."""

from __future__ import annotations

from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler


def handlers(service: IdentityService) -> dict[str, Handler]:
    certificates = service.signing_certificates

    def get_signing_certificate(params: Wire, _: CallContext) -> Wire:
        return {"Certificate": certificates.get_signing_certificate(params["UserPoolId"])}

    return {"GetSigningCertificate": get_signing_certificate}
