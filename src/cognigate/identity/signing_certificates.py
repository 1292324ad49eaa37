"""GetSigningCertificate: the pool's self-signed X.509 certificate for SAML 2.0 federation.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetSigningCertificate.html
"""

from __future__ import annotations

import base64
import contextlib
import datetime
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from cognigate.identity.context import Deps, require_pool
from cognigate.identity.keys import KEY_SIZE
from cognigate.identity.ports import DuplicateKey, SigningCertificate

#: AWS parity: "Issued certificates are valid for 10 years from the date of issue."
VALIDITY = datetime.timedelta(days=3650)
_PUBLIC_EXPONENT = 65537


def issue_certificate(pool_id: str, *, now: float) -> SigningCertificate:
    """A new RSA 2048 key and a self-signed SHA-256 certificate for it, named after the pool."""
    private = rsa.generate_private_key(public_exponent=_PUBLIC_EXPONENT, key_size=KEY_SIZE)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, pool_id)])
    start = datetime.datetime.fromtimestamp(int(now), tz=datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(private, hashes.SHA256())
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return SigningCertificate(
        pool_id=pool_id,
        certificate_der=certificate.public_bytes(serialization.Encoding.DER),
        private_pem=pem,
        created=now,
    )


def certificate_body(certificate: SigningCertificate) -> str:
    """The certificate as GetSigningCertificate returns it: the base64 DER body of the PEM,
    on one line, without the BEGIN/END lines."""
    return base64.b64encode(certificate.certificate_der).decode("ascii")


@dataclass(frozen=True, slots=True)
class SigningCertificateOperations:
    """The pool's SAML signing certificate, created on first request and kept in storage."""

    deps: Deps

    def get_signing_certificate(self, pool_id: str) -> str:
        """GetSigningCertificate; the same certificate on every call, instance and restart.

        :raises ResourceNotFoundException: unknown pool.
        """
        with self.deps.uow(write=False) as store:
            require_pool(store, pool_id)
            stored = store.signing_certificates.get(pool_id)
        if stored is not None:
            return certificate_body(stored)
        issued = issue_certificate(pool_id, now=self.deps.clock.now())
        with self.deps.uow(write=True) as store:
            require_pool(store, pool_id)
            # another instance may have issued one first: then that one is served
            with contextlib.suppress(DuplicateKey):
                store.signing_certificates.add(issued)
            stored = store.signing_certificates.get(pool_id)
        return certificate_body(stored or issued)
