"""Field checks and reading primitives shared by client codes, job numbers and their parsers.

Parsing is one left-to-right pass over the text (no regular expressions), so
its cost is linear in the length of any input, however hostile.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from adservice.errors import InvalidInputError, MalformedNumberError

#: The largest job sequence in a month and department (two digits, H3).
MAX_SEQ: Final = 99
#: The largest client number in a year (three digits, H3).
MAX_CLIENT_SEQ: Final = 999
#: The largest revision count of one job number.
MAX_REVISION: Final = 999


def _shown(value: object) -> str:
    """``repr(value)`` for a message, short, and never failing: the message must not raise instead."""
    if isinstance(value, int) and not -(10**12) < value < 10**12:
        # Python refuses to write out an int of more than 4,300 digits; its size is what matters.
        return f"{'-' if value < 0 else ''}<int of {value.bit_length()} bits>"
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 80 else f"{text[:77]}..."


# -- field checks, shared by the constructors and the parsers -----------------------------------


def _is_digit(char: str) -> bool:
    # str.isdigit() also accepts '²' and '٣'; numbers are written in ASCII digits only.
    return "0" <= char <= "9"


def _check_int(value: object, what: str, low: int, high: int, width: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{what} must be an int (got {_shown(value)} of type {type(value).__name__})."
        raise InvalidInputError(msg)
    if not low <= value <= high:
        raise MalformedNumberError(_shown(value), 0, f"{what} from {low:0{width}d} to {high:0{width}d}")
    return value


def _check_str(value: object, what: str) -> str:
    if not isinstance(value, str):
        msg = f"{what} must be a str (got {_shown(value)} of type {type(value).__name__})."
        raise InvalidInputError(msg)
    return value


def _check_letters(value: object, what: str) -> str:
    """Department codes and issuers are letters only (any script), so a parser knows where they end."""
    text = _check_str(value, what)
    if not text:
        raise MalformedNumberError(text, 0, f"{what} (one or more letters)")
    for k, char in enumerate(text):
        if not char.isalpha():
            raise MalformedNumberError(text, k, f"a letter in {what}")
    return text


def _check_label(value: object, what: str, *, text: str | None = None, offset: int = 0, dash: bool) -> str:
    """Cities and client names: printable, no space at either end; a city also has no ``-``.

    ``text`` and ``offset`` place an error inside the whole code being parsed.
    """
    label = _check_str(value, what)
    where = label if text is None else text
    if not label:
        raise MalformedNumberError(where, offset, what)
    for k, char in enumerate(label):
        if not char.isprintable() or (char == "-" and not dash):
            allowed = "a printable character" if dash else "a printable character other than '-'"
            raise MalformedNumberError(where, offset + k, f"{allowed} in {what}")
    if label[0] == " ":
        raise MalformedNumberError(where, offset, f"{what} without a leading space")
    if label[-1] == " ":
        raise MalformedNumberError(where, offset + len(label) - 1, f"{what} without a trailing space")
    return label


def _read_digits(text: str, start: int, width: int, what: str) -> int:
    for k in range(start, start + width):
        if k >= len(text) or not _is_digit(text[k]):
            raise MalformedNumberError(text, k, f"a digit of {what}")
    return int(text[start : start + width])


def _expect(text: str, start: int, literal: str, what: str) -> int:
    """Match ``literal`` at ``start``; return the position after it."""
    for k, char in enumerate(literal):
        if start + k >= len(text) or text[start + k] != char:
            raise MalformedNumberError(text, start + k, what)
    return start + len(literal)


def _as_date(value: object, what: str) -> date:
    if isinstance(value, datetime):
        # The month of an instant depends on the zone; the caller knows the office's, we do not.
        msg = (
            f"{what} must be the office's local date, not a datetime (got {_shown(value)}); pass its .date()."
        )
        raise InvalidInputError(msg)
    if not isinstance(value, date):
        msg = f"{what} must be a datetime.date (got {_shown(value)} of type {type(value).__name__})."
        raise InvalidInputError(msg)
    return value


def _check_digit_field(text: str, at: int, field: str, value: int) -> None:
    if field == "mm" and not 1 <= value <= 12:
        raise MalformedNumberError(text, at, "a month from 01 to 12")
    if field == "seq:02" and value == 0:
        raise MalformedNumberError(text, at, f"a sequence number from 01 to {MAX_SEQ}")
    if field == "yyyy" and value == 0:
        raise MalformedNumberError(text, at, "a year from 0001 to 9999")
