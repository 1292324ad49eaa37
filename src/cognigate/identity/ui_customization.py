"""SetUICustomization / GetUICustomization: the hosted UI's CSS and logo, for the whole pool
(``ALL``) or one app client.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUICustomization.html
"""

from __future__ import annotations

from cognigate.identity.context import Deps, require_client, require_pool
from cognigate.identity.errors import InvalidParameterException
from cognigate.identity.ports import IdentityStore, UiCustomization

ALL = "ALL"
MAX_IMAGE_BYTES = 100 * 1024
MAX_CSS_CHARS = 131072
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def image_type(image: bytes) -> str:
    """``image/png`` or ``image/jpeg`` (the formats AWS accepts)."""
    return "image/png" if image.startswith(_IMAGE_MAGIC[0]) else "image/jpeg"


def _check(css: str | None, image: bytes | None) -> None:
    if css is not None and (len(css) > MAX_CSS_CHARS or "<" in css):
        raise InvalidParameterException("CSS is invalid.")
    if image is not None and (len(image) > MAX_IMAGE_BYTES or not image.startswith(_IMAGE_MAGIC)):
        raise InvalidParameterException("Image must be a PNG or JPEG of at most 100 KB.")


def effective(store: IdentityStore, pool_id: str, client_id: str | None) -> UiCustomization | None:
    """The client's own customization, else the pool's (``ALL``)."""
    if client_id and client_id != ALL:
        own = store.ui_customizations.get(pool_id, client_id)
        if own is not None:
            return own
    return store.ui_customizations.get(pool_id, ALL)


class UiCustomizationOperations:
    """The UI-customization noun of the Cognito API."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def set(
        self, pool_id: str, client_id: str | None, css: str | None, image: bytes | None
    ) -> UiCustomization:
        """SetUICustomization.

        :raises ResourceNotFoundException: unknown pool or client.
        :raises InvalidParameterException: CSS or image not acceptable.
        """
        _check(css, image)
        target = client_id or ALL
        now = self._deps.clock.now()
        with self._deps.uow(write=True) as store:
            require_pool(store, pool_id)
            if target != ALL:
                require_client(store, pool_id, target)
            old = store.ui_customizations.get(pool_id, target)
            record = UiCustomization(pool_id, target, css, image, old.created if old else now, now)
            store.ui_customizations.save(record)
        return record

    def get(self, pool_id: str, client_id: str | None) -> UiCustomization | None:
        """GetUICustomization (the pool's settings when the client has none of its own).

        :raises ResourceNotFoundException: unknown pool or client.
        """
        with self._deps.uow(write=False) as store:
            require_pool(store, pool_id)
            if client_id and client_id != ALL:
                require_client(store, pool_id, client_id)
            return effective(store, pool_id, client_id)

    def image_url(self, record: UiCustomization) -> str | None:
        """Where the hosted UI serves the logo (the pool needs a domain), else ``None``."""
        if record.image is None:
            return None
        with self._deps.uow(write=False) as store:
            domain = store.domains.for_pool(record.pool_id)
        if domain is None:
            return None
        base = self._deps.issuer_base.rstrip("/")
        return f"{base}/auth/{domain.domain}/ui/logo?client_id={record.client_id}"
