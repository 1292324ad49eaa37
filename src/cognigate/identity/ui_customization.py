"""SetUICustomization / GetUICustomization: the hosted UI's CSS and logo, for the whole pool
(``ALL``) or one app client.

https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUICustomization.html
"""

from __future__ import annotations

import re

from cognigate.identity.context import Deps, require_client, require_pool
from cognigate.identity.errors import InvalidParameterException
from cognigate.identity.ports import IdentityStore, UiCustomization

ALL = "ALL"
MAX_IMAGE_BYTES = 100 * 1024
MAX_CSS_CHARS = 131072
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
#: the selectors a pool's CSS may use (AWS's list for the classic hosted UI)
ALLOWED_SELECTORS = frozenset({
    ".background-customizable", ".banner-customizable", ".errorMessage-customizable",
    ".idpButton-customizable", ".idpButton-customizable:hover",
    ".idpDescription-customizable", ".inputField-customizable",
    ".inputField-customizable:focus", ".label-customizable", ".legalText-customizable",
    ".logo-customizable", ".passwordCheck-valid-customizable",
    ".passwordCheck-notValid-customizable", ".redirect-customizable",
    ".socialButton-customizable", ".submitButton-customizable",
    ".submitButton-customizable:hover", ".textDescription-customizable",
})  # fmt: skip
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_FORBIDDEN_VALUE = re.compile(r"<|javascript:|expression\s*\(", re.IGNORECASE)


def image_type(image: bytes) -> str:
    """``image/png`` or ``image/jpeg`` (the formats AWS accepts)."""
    return "image/png" if image.startswith(_IMAGE_MAGIC[0]) else "image/jpeg"


def css_problem(css: str) -> str | None:
    """Why AWS would refuse this CSS, or ``None``: only the ``*-customizable`` selectors, no
    at-rules (``@import``, ``@media``, ...), no HTML and no script."""
    text = _COMMENT.sub(" ", css)
    if "@" in text:
        return "CSS must not contain @import, @supports, @page or @media statements."
    end = 0
    for rule in _RULE.finditer(text):
        if text[end : rule.start()].strip():
            return "CSS could not be parsed."
        end = rule.end()
        for selector in rule.group(1).split(","):
            name = " ".join(selector.split())
            if name not in ALLOWED_SELECTORS:
                return f"CSS contains an invalid selector: {name or '(empty)'}."
        if _FORBIDDEN_VALUE.search(rule.group(2)):
            return "CSS property values must not contain HTML or JavaScript."
    if text[end:].strip():
        return "CSS could not be parsed."
    return None


def _check(css: str | None, image: bytes | None) -> None:
    if css is not None:
        # AWS parity: InvalidParameterException; the exact wording AWS uses is not recorded.
        problem = "CSS is too long." if len(css) > MAX_CSS_CHARS else css_problem(css)
        if problem is not None:
            raise InvalidParameterException(problem)
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
