"""The CSV file of a user import job: its header (GetCSVHeader) and AWS's rules for each row.

https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool-csv-header.html
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from cognigate.identity import attributes as attrs
from cognigate.identity.model import UserPool
from cognigate.identity.schema import listed

USERNAME = "cognito:username"
MFA_ENABLED = "cognito:mfa_enabled"
#: the attributes never imported (the pool assigns ``sub``; ``identities`` is federation's)
_NOT_IMPORTED = frozenset({"sub", "identities"})
_BOOLEANS = {"true": True, "false": False}


class CsvRejected(Exception):
    """The file as a whole cannot be imported: the job fails."""


class RowRejected(Exception):
    """One user cannot be imported: it counts as failed and the job goes on."""


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One user of the file, as given (attributes with a value only)."""

    line: int
    username: str
    mfa_enabled: bool
    attributes: attrs.Pairs


def csv_header(pool: UserPool) -> list[str]:
    """GetCSVHeader: the pool's attributes in AWS's order, then the two ``cognito:`` columns."""
    names = [a.name for a in listed(pool.config.schema) if a.name not in _NOT_IMPORTED]
    return [*names, MFA_ENABLED, USERNAME]


def read_rows(pool: UserPool, body: bytes) -> list[ImportRow | RowRejected]:
    """The file's users, in order; a row breaking a column rule comes back as its reason.

    :raises CsvRejected: not UTF-8 text, no header, a required column missing or a column the
        pool does not have.
    """
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvRejected("The CSV file is not UTF-8 text.") from error
    reader = csv.reader(io.StringIO(text))
    header = [name.strip() for name in next(reader, [])]
    known = set(csv_header(pool))
    unknown = [name for name in header if name not in known]
    if unknown:
        raise CsvRejected(f"The CSV header has columns the user pool does not have: {unknown}")
    for required in (USERNAME, MFA_ENABLED):
        if required not in header:
            raise CsvRejected(f"The CSV header has no {required} column.")
    rows: list[ImportRow | RowRejected] = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        line = reader.line_num
        try:
            rows.append(_row(pool, line, header, values))
        except RowRejected as problem:
            rows.append(problem)
    return rows


def _row(pool: UserPool, line: int, header: list[str], values: list[str]) -> ImportRow:
    if len(values) != len(header):
        raise RowRejected(f"Line Number {line} - The row does not have one value per column.")
    given = {name: value for name, value in zip(header, values, strict=True) if value != ""}
    username = given.pop(USERNAME, "")
    if not username:
        raise RowRejected(f"Line Number {line} - {USERNAME} is required.")
    flag = _BOOLEANS.get(given.pop(MFA_ENABLED, "").lower())
    if flag is None:
        raise RowRejected(f"Line Number {line} - {MFA_ENABLED} must be true or false.")
    _check_verified(pool, line, given)
    missing = [name for name in pool.required_attributes if name not in given]
    if missing:
        raise RowRejected(f"Line Number {line} - Required attributes are missing: {missing}")
    return ImportRow(line, username, flag, tuple(given.items()))


def _check_verified(pool: UserPool, line: int, given: dict[str, str]) -> None:
    """AWS's rules for the auto-verified attributes (email, phone number)."""
    for kind, flag in attrs.VERIFIED_FLAG.items():
        if given.get(flag, "").lower() == "true" and not given.get(kind):
            raise RowRejected(f"Line Number {line} - {flag} is true but {kind} is empty.")
    verified = [
        kind
        for kind in pool.config.auto_verified_attributes
        if given.get(attrs.VERIFIED_FLAG.get(kind, ""), "").lower() == "true"
    ]
    if not verified:
        raise RowRejected(
            f"Line Number {line} - The User Record does not set any of the auto verified "
            "attributes to true. (Example: email_verified to true)."
        )
