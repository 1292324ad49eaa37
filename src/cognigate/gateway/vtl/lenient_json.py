"""Parsing mapping-template output the way API Gateway does: ``{statusCode: 200}`` is fine."""

from __future__ import annotations

import json
import re

_BARE_KEY = re.compile(r"([{,]\s*)([A-Za-z_$][\w$]*)(\s*:)")
_SINGLE_QUOTED = re.compile(r"'([^'\\]*)'")


def loads(text: str) -> object:
    """JSON, accepting unquoted keys and single-quoted strings; ``None`` when unparseable."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    relaxed = _SINGLE_QUOTED.sub(lambda m: json.dumps(m.group(1)), text)
    relaxed = _BARE_KEY.sub(lambda m: f'{m.group(1)}"{m.group(2)}"{m.group(3)}', relaxed)
    try:
        return json.loads(relaxed)
    except ValueError:
        return None


def status_code(text: str) -> int | None:
    """The integer ``statusCode`` of a MOCK request template's output, else ``None``."""
    document = loads(text)
    if not isinstance(document, dict):
        return None
    value = document.get("statusCode")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None
