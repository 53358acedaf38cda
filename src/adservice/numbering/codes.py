"""Client codes ``City-YYYYMM-ClientName-NNN`` (H3 客户代码).

>>> str(ClientCode("北京", 2025, 3, "宝洁", 7))
'北京-202503-宝洁-007'
"""

from __future__ import annotations

import attrs

from adservice.errors import MalformedNumberError
from adservice.numbering._fields import (
    MAX_CLIENT_SEQ,
    _check_int,
    _check_label,
    _check_str,
    _expect,
    _read_digits,
)

__all__ = ["ClientCode"]


@attrs.frozen
class ClientCode:
    """A client's code, ``City-YYYYMM-ClientName-NNN`` (H3 客户代码).

    Attributes:
        city: the city of the agency office, e.g. ``"北京"`` or ``"BJ"`` (no ``-``).
        year: year of first contact.
        month: month of first contact, written zero-padded.
        name: the client's name, in any script; may contain ``-``.
        seq: the client's number among the clients first contacted that year, 1-999.

    Raises:
        InvalidInputError: a field of the wrong type.
        MalformedNumberError: a field that cannot be written into a code.

    >>> code = ClientCode("北京", 2025, 3, "宝洁", 7)
    >>> str(code)
    '北京-202503-宝洁-007'
    >>> ClientCode.parse("北京-202503-宝洁-007") == code
    True
    """

    city: str
    year: int
    month: int
    name: str
    seq: int

    def __attrs_post_init__(self) -> None:
        _check_label(self.city, "the city", dash=False)
        _check_int(self.year, "the year", 1, 9999, 4)
        _check_int(self.month, "the month", 1, 12, 2)
        _check_label(self.name, "the client name", dash=True)
        _check_int(self.seq, "the yearly client number", 1, MAX_CLIENT_SEQ, 3)

    def __str__(self) -> str:
        return f"{self.city}-{self.year:04d}{self.month:02d}-{self.name}-{self.seq:03d}"

    @property
    def key(self) -> tuple[int, int]:
        """What makes a code unique: ``(year, seq)``."""
        return (self.year, self.seq)

    @classmethod
    def parse(cls, text: object) -> ClientCode:
        """Read a client code. The city ends at the first ``-``; the number is the last three digits.

        Args:
            text: e.g. ``"上海-202501-Coca-Cola-012"``.

        Returns:
            The code's fields as a :class:`ClientCode`.

        Raises:
            InvalidInputError: ``text`` is not a str.
            MalformedNumberError: ``text`` is not a client code; ``position`` points at the fault.

        >>> ClientCode.parse("上海-202501-Coca-Cola-012").name
        'Coca-Cola'
        >>> ClientCode.parse("上海-20251-Coca-Cola-012")
        Traceback (most recent call last):
        ...
        adservice.errors.MalformedNumberError: malformed number '上海-20251-Coca-Cola-012' at position 8: \
expected a digit of the month of first contact (YYYYMM).
          上海-20251-Coca-Cola-012
                  ^
        """
        text = _check_str(text, "a client code")
        dash = text.find("-")
        if dash == -1:
            raise MalformedNumberError(text, len(text), "'-' after the city")
        city = _check_label(text[:dash], "the city", text=text, offset=0, dash=False)
        year = _read_digits(text, dash + 1, 4, "the year of first contact (YYYYMM)")
        month = _read_digits(text, dash + 5, 2, "the month of first contact (YYYYMM)")
        if year == 0:
            raise MalformedNumberError(text, dash + 1, "a year from 0001 to 9999")
        if not 1 <= month <= 12:
            raise MalformedNumberError(text, dash + 5, "a month from 01 to 12")
        start = _expect(text, dash + 7, "-", "'-' after the month of first contact")
        last = text.rfind("-", start)
        if last == -1:
            raise MalformedNumberError(text, len(text), "'-' and the 3-digit yearly client number")
        name = _check_label(text[start:last], "the client name", text=text, offset=start, dash=True)
        seq = _read_digits(text, last + 1, 3, "the 3-digit yearly client number")
        if seq == 0:
            raise MalformedNumberError(text, last + 1, "a yearly client number from 001 to 999")
        if last + 4 != len(text):
            raise MalformedNumberError(text, last + 4, "the end of the client code")
        return cls(city, year, month, name, seq)
