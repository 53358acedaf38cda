"""The allocator's lookup tables and the strict readers of its saved state."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping

from adservice.errors import DuplicateNumberError, InvalidInputError, SchemaError, UnknownItemError, brief
from adservice.numbering._fields import _shown
from adservice.numbering.codes import ClientCode
from adservice.numbering.jobs import JobNumber, JobNumberFormat


class _Ledger:
    """Lookup tables over an allocator's ledgers; built by replay, copied (never shared) to change."""

    __slots__ = ("client_keys", "client_last", "client_names", "last_seq", "originals", "revisions")

    def __init__(self) -> None:
        self.last_seq: dict[tuple[str, int, int], int] = {}
        self.originals: dict[tuple[str, int, int, int], JobNumber] = {}
        self.revisions: dict[tuple[str, int, int, int], int] = {}
        self.client_last: dict[int, int] = {}
        self.client_keys: dict[tuple[int, int], ClientCode] = {}
        self.client_names: dict[str, ClientCode] = {}

    def copy(self) -> _Ledger:
        new = _Ledger()
        for name in self.__slots__:
            setattr(new, name, dict(getattr(self, name)))
        return new

    def original_of(self, number: JobNumber, fmt: JobNumberFormat) -> JobNumber:
        base = self.originals.get(number.key)
        if base is None or base.issuer != number.issuer:
            held = f" ({fmt.format(base)} holds that sequence)" if base is not None else ""
            msg = (
                f"{fmt.format(number.original)} was never issued{held}; "
                "issue or record the original job number before its revisions."
            )
            raise UnknownItemError(msg)
        return base

    def add_job(self, number: JobNumber, fmt: JobNumberFormat) -> None:
        key = number.key
        if not number.revision:
            if key in self.originals:
                msg = (
                    f"job number {fmt.format(number)} would repeat {fmt.format(self.originals[key])}: "
                    f"sequence {number.seq:02d} of {number.dept} in "
                    f"{number.year:04d}-{number.month:02d} is taken."
                )
                raise DuplicateNumberError(msg)
            self.originals[key] = number
            slot = key[:3]
            self.last_seq[slot] = max(self.last_seq.get(slot, 0), number.seq)
            return
        base = self.original_of(number, fmt)
        done = self.revisions.get(key, 0)
        if number.revision <= done:
            msg = (
                f"revision {number.revision} of {fmt.format(base)} is already issued "
                f"(latest is {done}); the next is {done + 1}."
            )
            raise DuplicateNumberError(msg)
        self.revisions[key] = number.revision

    def add_client(self, code: ClientCode) -> None:
        taken = self.client_keys.get(code.key)
        if taken is not None:
            msg = (
                f"client code {code} would repeat {taken}: number {code.seq:03d} of {code.year:04d} is taken."
            )
            raise DuplicateNumberError(msg)
        named = self.client_names.get(code.name)
        if named is not None:
            msg = (
                f"client {brief(code.name)} already has the code {named}; "
                "a client keeps the code of its first contact."
            )
            raise DuplicateNumberError(msg)
        self.client_keys[code.key] = code
        self.client_names[code.name] = code
        self.client_last[code.year] = max(self.client_last.get(code.year, 0), code.seq)


def _job_tuple(value: Iterable[JobNumber]) -> tuple[JobNumber, ...]:
    out: list[JobNumber] = []
    for item in _items(value, "jobs"):
        if not isinstance(item, JobNumber):
            msg = f"jobs must hold JobNumber values (got {_shown(item)} of type {type(item).__name__})."
            raise InvalidInputError(msg)
        out.append(item)
    return tuple(out)


def _client_tuple(value: Iterable[ClientCode]) -> tuple[ClientCode, ...]:
    out: list[ClientCode] = []
    for item in _items(value, "clients"):
        if not isinstance(item, ClientCode):
            msg = f"clients must hold ClientCode values (got {_shown(item)} of type {type(item).__name__})."
            raise InvalidInputError(msg)
        out.append(item)
    return tuple(out)


def _items(value: object, what: str) -> Iterable[object]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        msg = f"{what} must be a sequence of numbers (got {_shown(value)} of type {type(value).__name__})."
        raise InvalidInputError(msg)
    return value


def _digest(version: int, spec: str, revision: str, jobs: list[str], clients: list[str]) -> str:
    # ASCII-escaped JSON, so a lone surrogate in tampered text cannot break the encoding.
    canonical = json.dumps([version, spec, revision, jobs, clients], separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _object(data: object, what: str, keys: set[str]) -> Mapping[str, object]:
    if not isinstance(data, Mapping):
        raise SchemaError(f"{what} must be an object (got {_shown(data)}).")
    if set(data) != keys:
        extra = sorted(brief(k) for k in set(data) - keys)
        missing = sorted(keys - set(data))
        msg = (
            f"{what} has unknown keys [{', '.join(extra)}] / missing keys {missing}; expected {sorted(keys)}."
        )
        raise SchemaError(msg)
    return data


def _string(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise SchemaError(f"{what} must be a string (got {_shown(value)}).")
    return value


def _strings(value: object, what: str) -> list[str]:
    if not isinstance(value, list):
        raise SchemaError(f"{what} must be a list of strings (got {_shown(value)}).")
    return [_string(item, f"{what}[{k}]") for k, item in enumerate(value)]
