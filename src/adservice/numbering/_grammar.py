"""The grammar of a job number format spec: fields, literals and the revision mark, compiled once."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Final

import attrs

from adservice.errors import InvalidChoiceError, MalformedNumberError
from adservice.numbering._fields import _is_digit

#: Field name -> (digits, or 0 for letters; what it is, for messages).
_FIELDS: Final[Mapping[str, tuple[int, str]]] = {
    "dept": (0, "the department code"),
    "yyyy": (4, "the year"),
    "mm": (2, "the month"),
    "seq:02": (2, "the sequence number"),
    "issuer": (0, "the issuer"),
}


@attrs.frozen
class _Part:
    """One piece of a compiled format: a literal (``field`` is ``None``) or a field."""

    field: str | None
    text: str  # the literal, or the field's description
    width: int  # digits of a digit field; 0 for letters and literals
    start: int  # offset in the spec, for error messages


def _compile(spec: str) -> tuple[_Part, ...]:
    parts: list[_Part] = []
    i = 0
    while i < len(spec):
        if spec[i] == "{":
            close = spec.find("}", i)
            if close == -1:
                raise MalformedNumberError(spec, len(spec), "'}' closing the field")
            name = spec[i + 1 : close]
            if name not in _FIELDS:
                allowed = [f"{{{f}}}" for f in _FIELDS]
                raise InvalidChoiceError("a job number format field", f"{{{name}}}", allowed)
            if any(p.field == name for p in parts):
                raise MalformedNumberError(spec, i, f"each field once ({{{name}}} is repeated)")
            width, what = _FIELDS[name]
            parts.append(_Part(name, what, width, i))
            i = close + 1
        elif spec[i] == "}":
            raise MalformedNumberError(spec, i, "'}' only to close a field")
        else:
            end = i
            while end < len(spec) and spec[end] not in "{}":
                end += 1
            parts.append(_Part(None, spec[i:end], 0, i))
            i = end
    missing = [f"{{{f}}}" for f in _FIELDS if not any(p.field == f for p in parts)]
    if missing:
        raise MalformedNumberError(
            spec, len(spec), f"the field(s) {', '.join(missing)} (a job number has all five)"
        )
    for part, after in itertools.pairwise(parts):
        letters = part.field is not None and not part.width
        if letters and after.field is not None and not after.width:
            raise MalformedNumberError(
                spec, after.start, f"a digit field or separator between {part.text} and {after.text}"
            )
        if letters and after.field is None and after.text[0].isalpha():
            raise MalformedNumberError(
                spec, after.start, f"a separator that does not start with a letter after {part.text}"
            )
    return tuple(parts)


def _compile_revision(mark: str) -> tuple[str, str]:
    at = mark.find("{rev}")
    if at == -1:
        raise MalformedNumberError(mark, len(mark), "the field {rev} in the revision mark")
    prefix, suffix = mark[:at], mark[at + len("{rev}") :]
    for k, char in enumerate(mark):
        if char in "{}" and not at <= k < at + len("{rev}"):
            raise MalformedNumberError(mark, k, "no other field or brace in the revision mark")
    if not prefix or prefix[0].isalpha() or _is_digit(prefix[0]):
        raise MalformedNumberError(
            mark, 0, "a revision mark starting with a character that is not a letter or digit"
        )
    if suffix and _is_digit(suffix[0]):
        raise MalformedNumberError(mark, at + len("{rev}"), "a non-digit after {rev}")
    return prefix, suffix
