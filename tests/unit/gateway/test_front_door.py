"""The request as API Gateway's front end hands it to the API: hop-by-hop out, forwarding in."""

from __future__ import annotations

import pytest

from cognigate.gateway.front_door import arriving
from cognigate.gateway.messages import GatewayRequest


def _arrived(*headers: tuple[str, str]) -> GatewayRequest:
    request = GatewayRequest("GET", "/", headers=headers, source_ip="192.0.2.9", port=8443)
    return arriving(request, 1_700_000_000.0)


def test_arriving_drops_hop_by_hop_headers_and_keeps_the_rest_as_spelled() -> None:
    found = _arrived(("Connection", "keep-alive"), ("Content-Length", "3"), ("tEsT-H", "v"))

    names = [name for name, _ in found.headers]
    assert names[:1] == ["tEsT-H"]
    assert {"connection", "content-length"}.isdisjoint(n.lower() for n in names)


def test_arriving_adds_forwarding_headers_and_a_trace_id() -> None:
    found = _arrived()

    assert found.header("X-Forwarded-For") == "192.0.2.9"
    assert found.header("X-Forwarded-Port") == "8443"
    assert found.header("X-Forwarded-Proto") == "https"
    assert (found.header("X-Amzn-Trace-Id") or "").startswith("Root=1-6553f100-")


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("198.51.100.1", "198.51.100.1, 192.0.2.9"),
        ("198.51.100.1, 192.0.2.9", "198.51.100.1, 192.0.2.9"),
    ],
)
def test_arriving_appends_the_client_to_a_forwarded_chain_once(sent: str, expected: str) -> None:
    found = _arrived(("x-forwarded-for", sent))

    assert found.header("X-Forwarded-For") == expected
    assert [n for n, _ in found.headers].count("X-Forwarded-For") == 1


def test_arriving_keeps_a_trace_id_the_client_sent() -> None:
    found = _arrived(("X-Amzn-Trace-Id", "Root=1-00000000-000000000000000000000000"))

    assert found.header("X-Amzn-Trace-Id") == "Root=1-00000000-000000000000000000000000"
