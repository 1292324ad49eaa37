"""``$input``: the request (or endpoint response) body and the method request parameters."""

from __future__ import annotations

import json
from collections.abc import Mapping

from cognigate.gateway.vtl.java import JavaMap
from cognigate.gateway.vtl.jsonpath import select


class InputVariable:
    """What ``$input`` offers a template: ``body``, ``json()``, ``path()``, ``params()``."""

    def __init__(self, body: str, params: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.body = body
        self._params = JavaMap(
            path=JavaMap((params or {}).get("path", {})),
            querystring=JavaMap((params or {}).get("querystring", {})),
            header=JavaMap((params or {}).get("header", {})),
        )
        self._parsed: object = None
        self._was_parsed = False

    def _document(self) -> object:
        if not self._was_parsed:
            self._was_parsed = True
            try:
                self._parsed = json.loads(self.body) if self.body.strip() else {}
            except ValueError:
                self._parsed = None
        return self._parsed

    def json(self, path: str = "$") -> str:
        """The value at JSONPath ``path`` as JSON text."""
        return json.dumps(select(self._document(), path))

    def path(self, path: str = "$") -> object:
        """The value at JSONPath ``path`` as an object templates can navigate."""
        return select(self._document(), path)

    def params(self, name: str | None = None) -> object:
        """All parameters ``{path, querystring, header}``, or one by name (path, query, header)."""
        if name is None:
            return self._params
        for where in ("path", "querystring", "header"):
            found = self._where(where).get(name)
            if found is not None:
                return found
        lowered = name.lower()
        for key, value in self._where("header").items():
            if key.lower() == lowered:
                return value
        return ""

    def _where(self, where: str) -> Mapping[str, object]:
        found = self._params[where]
        return found if isinstance(found, Mapping) else {}

    def size(self) -> int:
        document = self._document()
        return len(document) if isinstance(document, list | dict) else 0
