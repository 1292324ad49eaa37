"""Submitting console forms the way a browser without JavaScript does: GET the page for its
CSRF token, then POST the form's fields."""

from __future__ import annotations

import re
from html import unescape

import httpx

from tests.support import Server


def csrf_of(text: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', text)
    assert found, "form without a CSRF token"
    return found.group(1)


def submit(server: Server, page: str, action: str, fields: dict[str, str]) -> httpx.Response:
    """POST ``fields`` to ``action`` with the CSRF token of ``page``; redirects not followed."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        shown = client.get(page)
        assert shown.status_code == 200, shown.text
        return client.post(action, data={"csrf": csrf_of(shown.text), **fields})


def form_fields(text: str, action: str) -> dict[str, str]:
    """The named text/select/textarea/checked values of the form posting to ``action``."""
    start = text.index(f'action="{action}"')
    form = text[start : text.index("</form>", start)]
    fields: dict[str, str] = {}
    for tag in re.finditer(r"<input([^>]*)>", form):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', tag.group(1)))
        name = attrs.get("name")
        if not name or name == "csrf":
            continue
        if attrs.get("type") == "checkbox":
            if re.search(r"\bchecked\b", tag.group(1)):
                fields[name] = unescape(attrs.get("value", "on"))
        else:
            fields[name] = unescape(attrs.get("value", ""))
    for area in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        fields[area.group(1)] = unescape(area.group(2))
    for select in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r"<option([^>]*)\bselected\b[^>]*>([^<]*)</option>", select.group(2))
        if chosen:
            value = re.search(r'value="([^"]*)"', chosen.group(1))
            fields[select.group(1)] = unescape(value.group(1) if value else chosen.group(2))
    return fields
