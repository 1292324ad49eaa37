"""The JSONPath subset mapping templates use: ``$``, ``$.a.b``, ``$['a']``, ``$.a[0]``."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\[\"([^\"]*)\"\]|\.\*|\[\*\]")


def select(document: object, path: str) -> object:
    """The value at ``path`` in ``document``, or ``None`` when absent."""
    text = path.strip()
    if not text.startswith("$"):
        text = "$." + text
    position = 1
    current = document
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            return None
        position = match.end()
        current = _step(current, match)
        if current is None:
            return None
    return current


def _step(current: object, match: re.Match[str]) -> object:
    name, index, quoted, double = match.groups()
    key = name or quoted or double
    if key is not None:
        return current.get(key) if isinstance(current, dict) else None
    if index is not None:
        if isinstance(current, list) and int(index) < len(current):
            return current[int(index)]
        return None
    return current
