"""Console access control: signed session cookie, CSRF tokens, admin sign-in off loopback."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

COOKIE = "cognigate-console"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True, slots=True)
class ConsoleSession:
    csrf: str
    signed_in: bool
    issued: float
    #: the access mode it was minted under (see :func:`access_mode`)
    mode: str = ""
    #: a message for the next page rendered: ``(notice key, object name or text)``; set by
    #: the server only, so a crafted link cannot make the console show a banner
    flash: tuple[str, str] | None = None
    #: the console page asked for before sign-in, opened after it (a ``/console/`` path)
    after_sign_in: str = ""


class SessionSigner:
    """Signs the console session cookie with a key derived from the installation secret."""

    def __init__(self, secret: bytes) -> None:
        self._key = hashlib.sha256(b"cognigate/console-session\x00" + secret).digest()

    def dump(self, session: ConsoleSession) -> str:
        raw = {
            "c": session.csrf,
            "s": session.signed_in,
            "i": session.issued,
            "m": session.mode,
            "f": list(session.flash) if session.flash else None,
            "n": session.after_sign_in,
        }
        body = base64.urlsafe_b64encode(json.dumps(raw).encode()).decode()
        return f"{body}.{self._sign(body)}"

    def load(self, cookie: str | None, now: float) -> ConsoleSession | None:
        if not cookie or "." not in cookie:
            return None
        body, signature = cookie.rsplit(".", 1)
        if not hmac.compare_digest(signature, self._sign(body)):
            return None
        try:
            raw = json.loads(base64.urlsafe_b64decode(body.encode()))
            flash = raw.get("f")
            session = ConsoleSession(
                str(raw["c"]),
                bool(raw["s"]),
                float(raw["i"]),
                str(raw.get("m", "")),
                (str(flash[0]), str(flash[1])) if flash else None,
                str(raw.get("n") or ""),
            )
        except (ValueError, KeyError, TypeError, IndexError):
            return None
        return session if now - session.issued < SESSION_SECONDS else None

    def _sign(self, body: str) -> str:
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()


def new_session(now: float, *, signed_in: bool, mode: str) -> ConsoleSession:
    return ConsoleSession(
        csrf=secrets.token_urlsafe(24), signed_in=signed_in, issued=now, mode=mode
    )


def access_mode(bind_host: str, admin_password: str | None) -> str:
    """A fingerprint of how the console is guarded: a session minted while the console was
    open (loopback) or under another admin password is not honoured."""
    locked = needs_password(bind_host)
    material = f"{locked}:{admin_password if locked else ''}".encode()
    return hashlib.sha256(b"cognigate/console-mode\x00" + material).hexdigest()[:32]


def needs_password(bind_host: str) -> bool:
    """Bound to loopback the console is open; on any other address it needs the admin password."""
    if bind_host in LOOPBACK_HOSTS:
        return False
    try:
        return not ipaddress.ip_address(bind_host.strip("[]")).is_loopback
    except ValueError:
        return True


def password_matches(expected: str | None, given: str) -> bool:
    return expected is not None and hmac.compare_digest(expected.encode(), given.encode())


def console_path(target: str) -> str | None:
    """``target`` when it is a same-origin console page path (``/console/...``), else ``None``:
    the only places sign-in returns to."""
    if not target.startswith("/console/") or "\\" in target or "//" in target:
        return None
    if any(ord(ch) < 0x21 for ch in target):
        return None
    return target


@dataclass(slots=True)
class _Failures:
    count: int
    locked_until: float


class SignInThrottle:
    """Wrong admin passwords per client address: the ``free``-th failure in a row locks the
    address out for ``first`` seconds and each further one doubles it (10 s, 20 s, 40 s, ...
    up to ``longest``); a right password clears the count.

    Kept in this process, bounded to ``capacity`` addresses (least recently failed dropped
    first): the sign-in form is served before any session exists, so a count in the signed
    session cookie would be dropped by simply not sending the cookie, and the console may only
    use the domain packages, which have no store for it. Each instance behind a load balancer
    counts on its own, which still bounds guessing to a few attempts per delay per instance.
    """

    def __init__(
        self, free: int = 5, first: float = 10.0, longest: float = 900.0, capacity: int = 4096
    ) -> None:
        self._free = free
        self._first = first
        self._longest = longest
        self._capacity = capacity
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, _Failures] = OrderedDict()

    @staticmethod
    def key(address: str) -> str:
        """The address counted: IPv6 by its /64 (one host usually holds a whole /64)."""
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return address
        if ip.version == 6:
            return str(ipaddress.ip_network(f"{ip}/64", strict=False))
        return str(ip)

    def wait(self, address: str, now: float) -> float:
        """Seconds ``address`` must still wait before it may try a password (0: may try)."""
        with self._lock:
            entry = self._failures.get(self.key(address))
            return max(0.0, entry.locked_until - now) if entry else 0.0

    def failed(self, address: str, now: float) -> float:
        """Record a wrong password from ``address``; the lockout it now has, in seconds."""
        key = self.key(address)
        with self._lock:
            entry = self._failures.pop(key, None) or _Failures(0, 0.0)
            entry.count += 1
            delay = 0.0
            if entry.count >= self._free:
                delay = min(self._longest, self._first * 2.0 ** (entry.count - self._free))
            entry.locked_until = now + delay
            self._failures[key] = entry
            while len(self._failures) > self._capacity:
                self._failures.popitem(last=False)
            return delay

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._failures.pop(self.key(address), None)
