"""Documentation parts and versions: Create/Get/Update/Delete/ImportDocumentationPart(s) and
Create/Get/Update/DeleteDocumentationVersion(s).

https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-documenting-api.html
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cognigate.apigw import patch
from cognigate.apigw.codec import from_doc, to_doc
from cognigate.apigw.context import Page, Scope, page, require_api
from cognigate.apigw.documentation_model import (
    DocumentationPart,
    DocumentationPartLocation,
    DocumentationVersion,
    checked_location,
)
from cognigate.apigw.errors import BadRequestException, ConflictException, NotFoundException
from cognigate.apigw.patch import PatchOp, PatchTable, Style, rule
from cognigate.apigw.ports import ApigwUnitOfWork
from cognigate.apigw.stages import require_stage
from cognigate.core import ids

EXTENSION = "x-amazon-apigateway-documentation"
PART_NOT_FOUND = "Invalid Documentation part identifier specified"
VERSION_NOT_FOUND = "Invalid Documentation version specified"
_PART_TABLE = PatchTable((rule("/properties"),), style=Style.LONG)
_VERSION_TABLE = PatchTable((rule("/description", "replace", "remove"),))
_BAD_IMPORT = "Unable to build importer with provided input."


@dataclass(frozen=True, slots=True)
class PartFilter:
    """GetDocumentationParts' query members."""

    type: str | None = None
    name_query: str | None = None
    path: str | None = None
    location_status: str | None = None


@dataclass(frozen=True, slots=True)
class ImportResult:
    ids: list[str]
    warnings: list[str]


def _matches(part: DocumentationPart, wanted: PartFilter) -> bool:
    where = part.location
    if wanted.location_status == "UNDOCUMENTED":
        # Deviation: entities without documentation are not enumerated; nothing is listed.
        return False
    return (
        (wanted.type is None or where.type == wanted.type)
        and (wanted.path is None or where.path == wanted.path)
        and (not wanted.name_query or (where.name or "").startswith(wanted.name_query))
    )


def _find(parts: list[DocumentationPart], part_id: str) -> DocumentationPart:
    for part in parts:
        if part.id == part_id:
            return part
    raise NotFoundException(PART_NOT_FOUND)


def _at(parts: list[DocumentationPart], location: DocumentationPartLocation) -> DocumentationPart:
    for part in parts:
        if part.location == location:
            return part
    raise KeyError(location)


def parts_in_document(document: object) -> list[tuple[DocumentationPartLocation, str]]:
    """The parts of an OpenAPI document's ``x-amazon-apigateway-documentation``.

    :raises BadRequestException: not a document, or a part without a readable location.
    """
    if not isinstance(document, Mapping):
        raise BadRequestException(_BAD_IMPORT)
    extension = document.get(EXTENSION)
    items = extension.get("documentationParts") if isinstance(extension, Mapping) else None
    found: list[tuple[DocumentationPartLocation, str]] = []
    for item in items if isinstance(items, list) else []:
        where = item.get("location") if isinstance(item, Mapping) else None
        if not isinstance(where, Mapping) or not isinstance(where.get("type"), str):
            raise BadRequestException(_BAD_IMPORT)
        properties = item.get("properties")
        text = properties if isinstance(properties, str) else json.dumps(properties or {})
        found.append((from_doc(DocumentationPartLocation, where), text))
    return found


def import_parts(
    uow: ApigwUnitOfWork,
    api_id: str,
    parts: Sequence[tuple[DocumentationPartLocation, str]],
    *,
    overwrite: bool,
    fail_on_warnings: bool = False,
) -> ImportResult:
    """Store imported parts in the caller's transaction; ``merge`` updates parts in place."""
    existing = uow.documentation.parts(api_id)
    if overwrite:
        for old in existing:
            uow.documentation.delete_part(api_id, old.id)
        existing = []
    result = ImportResult(ids=[], warnings=[])
    for location, properties in parts:
        try:
            where = checked_location(location)
        except BadRequestException as error:
            if fail_on_warnings:
                raise
            result.warnings.append(error.message)
            continue
        try:
            part = dataclasses.replace(_at(existing, where), properties=properties)
        except KeyError:
            part = DocumentationPart(id=ids.short_id(), location=where, properties=properties)
            existing.append(part)
        uow.documentation.save_part(api_id, part)
        result.ids.append(part.id)
    return result


class Documentation:
    """The DocumentationPart and DocumentationVersion operations."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def create_part(
        self, api_id: str, location: DocumentationPartLocation, properties: str
    ) -> DocumentationPart:
        """:raises NotFoundException: unknown API. :raises BadRequestException: bad location.
        :raises ConflictException: the location already has a part."""
        with self._scope.uow(write=True) as uow:
            require_api(uow, self._scope, api_id)
            where = checked_location(location)
            if any(p.location == where for p in uow.documentation.parts(api_id)):
                raise ConflictException(
                    "Documentation part already exists for the specified location: "
                    + where.described()
                )
            part = DocumentationPart(id=ids.short_id(), location=where, properties=properties)
            uow.documentation.save_part(api_id, part)
        return part

    def get_part(self, api_id: str, part_id: str) -> DocumentationPart:
        """:raises NotFoundException: unknown part (or API: AWS names the part)."""
        with self._scope.uow(write=False) as uow:
            return _find(uow.documentation.parts(api_id), part_id)

    def list_parts(
        self,
        api_id: str,
        wanted: PartFilter,
        position: str | None = None,
        limit: int | None = None,
    ) -> Page[DocumentationPart]:
        with self._scope.uow(write=False) as uow:
            require_api(uow, self._scope, api_id)
            parts = uow.documentation.parts(api_id)
        return page([p for p in parts if _matches(p, wanted)], position, limit)

    def update_part(self, api_id: str, part_id: str, ops: Sequence[PatchOp]) -> DocumentationPart:
        """Only ``replace /properties``. :raises NotFoundException, BadRequestException:"""
        with self._scope.uow(write=True) as uow:
            current = _find(uow.documentation.parts(api_id), part_id)
            changed = from_doc(DocumentationPart, patch.apply(to_doc(current), ops, _PART_TABLE))
            uow.documentation.save_part(api_id, changed)
        return changed

    def delete_part(self, api_id: str, part_id: str) -> None:
        with self._scope.uow(write=True) as uow:
            require_api(uow, self._scope, api_id)
            _find(uow.documentation.parts(api_id), part_id)
            uow.documentation.delete_part(api_id, part_id)

    def import_parts(
        self, api_id: str, document: object, mode: str | None, fail_on_warnings: bool = False
    ) -> ImportResult:
        """ImportDocumentationParts; ``overwrite`` replaces every part, ``merge`` (default)
        adds to them. :raises BadRequestException: ``Unable to build importer…``"""
        parts = parts_in_document(document)
        with self._scope.uow(write=True) as uow:
            require_api(uow, self._scope, api_id)
            return import_parts(
                uow,
                api_id,
                parts,
                overwrite=mode == "overwrite",
                fail_on_warnings=fail_on_warnings,
            )

    def create_version(
        self,
        api_id: str,
        version: str,
        stage_name: str | None = None,
        description: str | None = None,
    ) -> DocumentationVersion:
        """Freeze the current parts as ``version`` (and point ``stage_name`` at it).

        :raises ConflictException: the version exists. :raises NotFoundException:
        """
        created = DocumentationVersion(
            version=version, created_date=self._scope.now(), description=description or None
        )
        with self._scope.uow(write=True) as uow:
            require_api(uow, self._scope, api_id)
            if uow.documentation.version_parts(api_id, version) is not None:
                raise ConflictException(f"Documentation version {version} already exists")
            if stage_name:
                stage = require_stage(uow, api_id, stage_name)
                linked = dataclasses.replace(stage, documentation_version=version)
                uow.stages.save(api_id, linked)
            uow.documentation.save_version(api_id, created, uow.documentation.parts(api_id))
        return created

    def get_version(self, api_id: str, version: str) -> DocumentationVersion:
        with self._scope.uow(write=False) as uow:
            return self._require_version(uow, api_id, version)

    def list_versions(
        self, api_id: str, position: str | None = None, limit: int | None = None
    ) -> Page[DocumentationVersion]:
        with self._scope.uow(write=False) as uow:
            require_api(uow, self._scope, api_id)
            return page(uow.documentation.versions(api_id), position, limit)

    def update_version(
        self, api_id: str, version: str, ops: Sequence[PatchOp]
    ) -> DocumentationVersion:
        """Only ``/description``. :raises NotFoundException, BadRequestException:"""
        with self._scope.uow(write=True) as uow:
            current = self._require_version(uow, api_id, version)
            doc = patch.apply(to_doc(current), ops, _VERSION_TABLE)
            changed = from_doc(DocumentationVersion, doc)
            uow.documentation.save_version(api_id, changed, None)
        return changed

    def delete_version(self, api_id: str, version: str) -> None:
        with self._scope.uow(write=True) as uow:
            self._require_version(uow, api_id, version)
            uow.documentation.delete_version(api_id, version)

    def version_parts(self, api_id: str, version: str) -> list[DocumentationPart]:
        """The parts a version froze. :raises NotFoundException:"""
        with self._scope.uow(write=False) as uow:
            self._require_version(uow, api_id, version)
            return uow.documentation.version_parts(api_id, version) or []

    def _require_version(
        self, uow: ApigwUnitOfWork, api_id: str, version: str
    ) -> DocumentationVersion:
        require_api(uow, self._scope, api_id)
        for found in uow.documentation.versions(api_id):
            if found.version == version:
                return found
        raise NotFoundException(VERSION_NOT_FOUND)
