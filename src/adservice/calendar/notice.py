"""China's official holiday notices, read as published, and applied over the data source.

Every year the General Office of the State Council publishes
《国务院办公厅关于YYYY年部分节假日安排的通知》: per festival, the days off and the
weekend days worked instead (上班). :func:`parse_notice` reads it — simplified or
traditional characters, full-width or ASCII punctuation, 周X or 星期X — and an
amendment (《关于调整2019年劳动节假期安排的通知》) that replaces the festivals it names.
Nothing is guessed: text it cannot read is refused with :class:`~adservice.errors.NoticeError`
naming the line.

    >>> notice = parse_notice('''国务院办公厅关于2019年部分节假日安排的通知
    ... 国办发明电〔2018〕15号
    ... 一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
    ... 三、清明节：4月5日放假，与周末连休。
    ... 国务院办公厅
    ... 2018年12月4日''')
    >>> notice.number, notice.issued
    ('国办发明电〔2018〕15号', datetime.date(2018, 12, 4))
    >>> [d.isoformat() for d in notice.festivals[1].days_off]
    ['2019-04-05', '2019-04-06', '2019-04-07']
    >>> notice.festivals[0].working_days
    (datetime.date(2018, 12, 29),)
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from adservice.calendar import _notice_text as text
from adservice.errors import InvalidInputError, NoticeError, brief

__all__ = ["FESTIVALS", "Festival", "Notice", "parse_notice"]

#: The festivals a notice arranges, with the English names the data source (``holidays``) uses.
FESTIVALS: Mapping[str, str] = text.FESTIVALS


@attrs.frozen
class Festival:
    """One festival's arrangement: its days off and the weekend days worked instead.

    ``name`` is the festival as the notice names it, in simplified characters
    (``"中秋节、国庆节"`` when two festivals share one holiday).

    >>> from adservice import parse_notice
    >>> title = "国务院办公厅关于2016年部分节假日安排的通知"
    >>> n = parse_notice(title + "\\n四、劳动节：5月1日放假，5月2日（星期一）补休。")
    >>> n.festivals[0].name, n.festivals[0].days_off, n.festivals[0].working_days
    ('劳动节', (datetime.date(2016, 5, 1), datetime.date(2016, 5, 2)), ())
    """

    name: str
    days_off: tuple[date, ...]
    working_days: tuple[date, ...] = ()

    def __attrs_post_init__(self) -> None:
        # A Festival that exists is coherent: known names, sorted real days, weekend make-up days.
        if not isinstance(self.name, str):
            raise InvalidInputError(f"a festival's name must be text (got {reprlib.repr(self.name)}).")
        for name in self.names:
            if name not in FESTIVALS:
                raise NoticeError(f"unknown festival {brief(name)}; known: {', '.join(FESTIVALS)}.")
        for what, days in (("days_off", self.days_off), ("working_days", self.working_days)):
            if not isinstance(days, tuple) or not all(type(d) is date for d in days):
                msg = f"{self.name}: {what} must be a tuple of dates (got {reprlib.repr(days)})."
                raise InvalidInputError(msg)
            if list(days) != sorted(set(days)):
                raise NoticeError(f"{self.name}: {what} must be sorted and distinct (got {days}).")
        if not self.days_off:
            raise NoticeError(f"{self.name} has no day off; a festival needs at least one.")
        for d in self.working_days:
            if d.weekday() < 5 or d in self.days_off:
                msg = f"{self.name}: make-up working day {d} must be a Saturday or Sunday, not a day off."
                raise NoticeError(msg)

    @property
    def names(self) -> tuple[str, ...]:
        """Each festival of the arrangement, e.g. ``("中秋节", "国庆节")``."""
        return tuple(self.name.split("、"))

    @property
    def english(self) -> str:
        """The English name, as the data source names the festival (``"National Day"``)."""
        return " and ".join(FESTIVALS[n] for n in self.names)

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-compatible data."""
        return {
            "name": self.name,
            "days_off": [d.isoformat() for d in self.days_off],
            "working_days": [d.isoformat() for d in self.working_days],
        }


@attrs.frozen
class Notice:
    """A parsed official notice: the year it arranges and, per festival, its days off and make-up days.

    Attributes:
        year: the year arranged (a notice may also arrange late-December days of the year before).
        title: the title in simplified characters, e.g. ``国务院办公厅关于2019年部分节假日安排的通知``.
        festivals: the arrangements, in the notice's order.
        number: the document number (``国办发明电〔2018〕15号``) if the text gives it.
        issued: the date signed, if the text gives it.
        amendment: True for a notice that changes festivals of an earlier one (``关于调整…``).

    >>> from adservice import parse_notice
    >>> title = "国务院办公厅关于2016年部分节假日安排的通知"
    >>> n = parse_notice(title + "\\n四、劳动节：5月1日放假，5月2日（星期一）补休。")
    >>> n.year, n.title, len(n.festivals), n.amendment
    (2016, '国务院办公厅关于2016年部分节假日安排的通知', 1, False)
    """

    year: int
    title: str
    festivals: tuple[Festival, ...]
    number: str | None = None
    issued: date | None = None
    amendment: bool = False

    def __attrs_post_init__(self) -> None:
        # A Notice that exists is coherent, however it was built (parsed, loaded or by hand).
        year = self.year
        if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
            raise InvalidInputError(f"a notice's year must be an int in 1..9999 (got {reprlib.repr(year)}).")
        if not isinstance(self.title, str) or not isinstance(self.amendment, bool):
            raise InvalidInputError("a notice's title must be text and amendment True or False.")
        if self.number is not None and not isinstance(self.number, str):
            raise InvalidInputError(
                f"a notice's number must be text or None (got {reprlib.repr(self.number)})."
            )
        if self.issued is not None and type(self.issued) is not date:
            raise InvalidInputError(f"issued must be a date or None (got {reprlib.repr(self.issued)}).")
        if not isinstance(self.festivals, tuple) or not all(isinstance(f, Festival) for f in self.festivals):
            msg = f"festivals must be a tuple of Festival (got {reprlib.repr(self.festivals)})."
            raise InvalidInputError(msg)
        _check_arrangement(self)

    @property
    def source(self) -> str:
        """What a calendar cites for a day this notice decided: the document number, else the title."""
        return self.number or f"《{self.title}》"

    @property
    def first_day(self) -> date:
        """The earliest day the notice arranges."""
        return min(d for f in self.festivals for d in (*f.days_off, *f.working_days))

    @property
    def last_day(self) -> date:
        """The latest day the notice arranges."""
        return max(d for f in self.festivals for d in (*f.days_off, *f.working_days))

    def festival(self, name: str) -> Festival:
        """The arrangement naming ``name`` (e.g. ``"劳动节"``).

        Raises:
            NoticeError: the notice does not arrange that festival.
        """
        for f in self.festivals:
            if name in f.names:
                return f
        arranged = ", ".join(f.name for f in self.festivals)
        msg = f"{self.source} does not arrange {brief(name)}; it arranges {arranged}."
        raise NoticeError(msg)

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-compatible data (the parsed arrangement, not the text)."""
        return {
            "year": self.year,
            "title": self.title,
            "number": self.number,
            "issued": self.issued.isoformat() if self.issued else None,
            "amendment": self.amendment,
            "festivals": [f.to_dict() for f in self.festivals],
        }

    @classmethod
    def from_dict(cls, data: object) -> Notice:
        """Load what :meth:`to_dict` wrote, strictly.

        Raises:
            NoticeError: missing or unknown keys, wrong types, malformed dates, unknown festivals.

        >>> n = Notice(2026, "t", (Festival("元旦", (date(2026, 1, 1),)),))
        >>> Notice.from_dict(n.to_dict()) == n
        True
        """
        keys = {"year", "title", "number", "issued", "amendment", "festivals"}
        if not isinstance(data, Mapping) or set(data) != keys:
            raise NoticeError(
                f"a saved notice must have exactly the keys {sorted(keys)} (got {reprlib.repr(data)})."
            )
        try:
            festivals = tuple(_festival_from(f) for f in data["festivals"])
            issued = data["issued"]
            notice = cls(
                year=_strict(data["year"], int),
                title=_strict(data["title"], str),
                festivals=festivals,
                number=None if data["number"] is None else _strict(data["number"], str),
                issued=None if issued is None else _day(issued),
                amendment=_strict(data["amendment"], bool),
            )
        except NoticeError:
            raise
        except (TypeError, ValueError, KeyError) as error:
            raise NoticeError(f"malformed saved notice: {error}") from None
        return notice


def _strict(value: Any, kind: type) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"expected {kind.__name__}, got {brief(value)}")
    return value


def _festival_from(data: object) -> Festival:
    if not isinstance(data, Mapping) or set(data) != {"name", "days_off", "working_days"}:
        raise TypeError(
            f"a festival must have the keys name, days_off, working_days (got {reprlib.repr(data)})"
        )
    return Festival(
        _strict(data["name"], str),
        tuple(_day(d) for d in _strict(data["days_off"], list)),
        tuple(_day(d) for d in _strict(data["working_days"], list)),
    )


def _day(value: object) -> date:
    try:
        return date.fromisoformat(_strict(value, str))
    except ValueError as error:
        raise ValueError(f"{brief(value)} is not a YYYY-MM-DD date ({error})") from None


def _check_arrangement(notice: Notice) -> None:
    """Refuse an incoherent arrangement: no festival, a festival or day twice, a day a year away."""
    if not notice.festivals:
        raise NoticeError(f"{notice.source} arranges no festival.")
    seen: set[str] = set()
    decided: dict[date, str] = {}
    for f in notice.festivals:
        for d in (*f.days_off, *f.working_days):
            if d in decided:
                raise NoticeError(f"{notice.source} arranges {d} twice ({decided[d]} and {f.name}).")
            if abs(d.year - notice.year) > 1:
                raise NoticeError(f"{f.name}: {d} lies more than a year from {notice.year}.")
            decided[d] = f.name
        for name in f.names:
            if name in seen:
                raise NoticeError(f"{notice.source} arranges {name} twice.")
            seen.add(name)


def parse_notice(source: str) -> Notice:
    """Read an official holiday notice as published.

    Args:
        source: the notice's text: title, document number (optional), numbered
            arrangements such as ``二、春节：2月4日至10日放假调休，共7天。2月2日（星期六）、
            2月3日（星期日）上班。``, signature date (optional). Simplified or traditional
            characters, full-width or ASCII punctuation, 周X or 星期X.

    Returns:
        The :class:`Notice`. A date without a year is in the notice's year, except next to
        an explicit year (``2018年12月30日至2019年1月1日``) or a day of another year, where it
        is the nearest such date; a weekday in brackets must match its date.

    Raises:
        NoticeError: naming the line and what was expected — no title, an unknown festival,
            no ``放假``, an impossible date, a weekday that does not match, a count (``共3天``)
            that does not match, ``与周末连休`` on a day not next to a weekend, a make-up day
            on a weekday.

    >>> title = "國務院辦公廳關於2016年部分節假日安排的通知"
    >>> n = parse_notice(title + "\\n四、勞動節:5月1日放假,5月2日(星期一)補休。")
    >>> n.festivals[0].days_off
    (datetime.date(2016, 5, 1), datetime.date(2016, 5, 2))
    """
    if not isinstance(source, str):
        raise NoticeError(f"a notice must be text (got {type(source).__name__}).")
    header, items = text.read(source)
    festivals: list[Festival] = []
    decided: dict[object, int] = {}  # festival names and days -> the line that arranged them
    for item in items:
        off, work = text.arrangement(item, header.year)
        names = item.festivals or header.festivals
        if len(names) != 1 and not item.festivals:
            expected = "a festival name before the dates, e.g. '一、劳动节：5月1日至4日放假调休'"
            raise NoticeError(f"line {item.line}: expected {expected} (got {brief(item.body)}).")
        for key in (*names, *sorted(off | work)):
            if key in decided:
                msg = f"line {item.line}: {key} is already arranged on line {decided[key]}"
                raise NoticeError(f"{msg}; expected each festival and day once.")
            if isinstance(key, date) and abs(key.year - header.year) > 1:
                raise NoticeError(
                    f"line {item.line}: expected days within a year of {header.year} (got {key})."
                )
            decided[key] = item.line
        try:
            festivals.append(Festival("、".join(names), tuple(sorted(off)), tuple(sorted(work))))
        except NoticeError as error:  # an arrangement that cannot be (a make-up day on a weekday...)
            raise NoticeError(f"line {item.line}: {error}") from None
    if not festivals:
        example = "'一、元旦：1月1日放假，共1天。'"
        raise NoticeError(
            f"line {header.line}: expected numbered arrangements such as {example} after the title."
        )
    try:
        return Notice(
            header.year, header.title, tuple(festivals), header.number, header.issued, header.amendment
        )
    except NoticeError as error:
        raise NoticeError(f"{error} (in the notice titled {brief(header.title)})") from None
