"""Reading a notice's text: normalising it, finding its header and its numbered arrangements.

Used by :mod:`adservice.calendar.notice`; every refusal is a :class:`NoticeError` naming the line.

>>> normalize("國務院辦公廳關於2019年（星期六）")
'国务院办公厅关于2019年(星期六)'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, timedelta

import attrs

from adservice._frozen import FrozenDict
from adservice.errors import NoticeError, brief

__all__ = ["FESTIVALS", "Header", "Item", "arrangement", "normalize", "read"]

_FESTIVALS = {
    "元旦": "New Year's Day",
    "春节": "Chinese New Year (Spring Festival)",
    "清明节": "Tomb-Sweeping Day",
    "劳动节": "Labor Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-Autumn Festival",
    "国庆节": "National Day",
}
FESTIVALS: Mapping[str, str] = FrozenDict(_FESTIVALS)  # read-only
_ALIASES = {
    "新年": "元旦",
    "清明": "清明节",
    "五一": "劳动节",
    "五一国际劳动节": "劳动节",
    "国际劳动节": "劳动节",
    "五一劳动节": "劳动节",
    "端午": "端午节",
    "中秋": "中秋节",
    "国庆": "国庆节",
    "十一": "国庆节",
}
# Traditional forms of the characters a notice's structure depends on (names, verbs, numbers).
_TRADITIONAL = str.maketrans(
    "節國務辦廳關於調勞動慶連週發電號補農曆歷為兩個將間與臘規體觀",
    "节国务办厅关于调劳动庆连周发电号补农历历为两个将间与腊规体观",
)
_NUMERALS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0}
_WEEKDAYS = "一二三四五六日"
_ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_DATE = r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日"
_TOKEN = re.compile(rf"{_DATE}(?:\(([^()]*)\))?|\([^()]*\)")
_WEEKDAY = re.compile(r"(?:星期|周)([一二三四五六日天])")
_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}[.、])(.*)$")
_TITLE = re.compile(r"关于(调整)?(\d{4})年(.*?)(?:的)?通知")
_NUMBER = re.compile(r"国办发明电[〔\[(](\d{4})[〕\])](\d+)号")
_SIGNED = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_SIGNED_ZH = re.compile(
    r"^([〇○零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)
_RANGE = re.compile(r"^(?:至|到|—+|–|-|~)$")
_COUNT = re.compile(r"(?:共|放假)(\d+|[一二三四五六七八九十]+)天")


def normalize(line: str) -> str:
    """Full-width to ASCII, traditional to simplified (the characters that matter), no spaces or quotes."""
    line = unicodedata.normalize("NFKC", line).translate(_TRADITIONAL)
    return re.sub(r"[\s“”\"‘’'「」]", "", line)


@attrs.frozen
class Header:
    """The title, document number and signature date of a notice."""

    line: int
    title: str
    year: int
    amendment: bool
    festivals: tuple[str, ...]  # festivals named in an amendment's title
    number: str | None
    issued: date | None


@attrs.frozen
class Item:
    """One numbered arrangement: its line, the festivals it names (may be none) and its text."""

    line: int
    festivals: tuple[str, ...]
    body: str


def read(source: str) -> tuple[Header, list[Item]]:
    """The header and the numbered arrangements of a notice's text.

    Raises:
        NoticeError: no title, or a numbered line with dates and 放假/上班 whose festival is unknown.
    """
    lines = [(i + 1, normalize(raw)) for i, raw in enumerate(source.splitlines())]
    lines = [(n, s) for n, s in lines if s]
    if not lines:
        raise NoticeError(
            "line 1: expected the title 《国务院办公厅关于YYYY年部分节假日安排的通知》 (the text is empty)."
        )
    header = _header(lines)
    items: list[Item] = []
    open_item = False
    for n, s in lines:
        m = _ITEM.match(s)
        if m is None:
            # A reprint may break an arrangement over lines: a line starting with a date continues it.
            if open_item and re.match(r"\d", s) and ("上班" in s or "放假" in s or "补休" in s):
                items[-1] = attrs.evolve(items[-1], body=items[-1].body + s)
            else:
                open_item = False
            continue
        body = m.group(1)
        if not any(word in body for word in ("放假", "上班", "补休")):
            open_item = False  # an administrative point ("二、各地区、各部门要…"), not an arrangement
            if re.match(r"[^\d]{1,12}:$", body):  # "一、元旦:" with the dates on the next line
                items.append(Item(n, _festivals(body[:-1], n), ""))
                open_item = True
            continue
        label, rest = _split_label(body)
        items.append(Item(n, _festivals(label, n) if label else (), rest))
        open_item = True
    return header, items


def _header(lines: list[tuple[int, str]]) -> Header:
    head = ""
    first = lines[0][0]
    for n, s in lines[:6]:
        if _ITEM.match(s):
            break
        head += s
        m = _TITLE.search(head)
        if m:
            title_start = head.rfind("国务院办公厅", 0, m.start())
            title = head[title_start if title_start >= 0 else m.start() : m.end()]
            amendment = bool(m.group(1)) or "部分节假日" not in m.group(3)
            named = tuple(f for f in FESTIVALS if f in m.group(3)) if amendment else ()
            if amendment and not named:
                raise NoticeError(
                    f"line {n}: expected the festival an amendment changes in its title (got {brief(title)})."
                )
            whole = "".join(s for _, s in lines)
            number = _NUMBER.search(whole)
            return Header(
                first,
                title,
                int(m.group(2)),
                amendment,
                named,
                f"国办发明电〔{number.group(1)}〕{number.group(2)}号" if number else None,
                _signed(lines),
            )
    expected = "the title 《国务院办公厅关于YYYY年部分节假日安排的通知》 in the first lines"
    raise NoticeError(f"line {first}: expected {expected} (got {lines[0][1]!r:.60}).")


def _signed(lines: list[tuple[int, str]]) -> date | None:
    for n, s in reversed(lines):
        m = _SIGNED.match(s)
        try:
            if m:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            m = _SIGNED_ZH.match(s)
            if m:
                year = int("".join(str(_NUMERALS[c]) for c in m.group(1)))
                return date(year, _chinese_number(m.group(2)), _chinese_number(m.group(3)))
        except ValueError:
            raise NoticeError(f"line {n}: expected a real signature date (got {brief(s)}).") from None
    return None


def _chinese_number(s: str) -> int:
    """一..九十九 (what a month, day or count needs)."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return _NUMERALS[s]
    tens, _, ones = s.partition("十")
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[ones] if ones else 0)


def _split_label(body: str) -> tuple[str, str]:
    """``"元旦:1月1日放假"`` → ``("元旦", "1月1日放假")``; ``"清明节4月4日…"`` → ``("清明节", "4月4日…")``."""
    m = re.match(r"([^\d:(]*?):?(?=\d|$)", body)
    if m and m.group(1):
        return m.group(1).rstrip(":"), body[m.end() :]
    if body.startswith(":"):
        return "", body[1:]
    colon = body.find(":")
    if 0 < colon <= 12:
        return body[:colon], body[colon + 1 :]
    return "", body


def _festivals(label: str, line: int) -> tuple[str, ...]:
    names = []
    for part in re.split(r"[、和,]", label):
        name = _ALIASES.get(part, part)
        if name not in FESTIVALS:
            expected = f"a festival name ({', '.join(FESTIVALS)})"
            raise NoticeError(f"line {line}: expected {expected} before the dates (got {brief(part)}).")
        names.append(name)
    return tuple(names)


def arrangement(item: Item, year: int) -> tuple[set[date], set[date]]:
    """The days off and the make-up working days one numbered arrangement gives.

    Raises:
        NoticeError: naming the line, for anything that cannot be read without guessing.
    """
    where = f"line {item.line}"
    clauses, dates = _clauses(item, year)
    off: set[date] = set()
    work: set[date] = set()
    seen_off = False
    weekend = False
    for clause in clauses:
        marks = [int(i) for i in re.findall(r"⟨(\d+)⟩", clause)]
        if "放假" in clause and marks:
            if seen_off:
                raise NoticeError(
                    f"{where}: expected one '…放假' range per festival (got a second in {brief(item.body)})."
                )
            seen_off = True
            before, after = clause.split("放假", 1)
            if "⟨" in after:
                got = f"got a second date after 放假 in {brief(item.body)}"
                msg = f"{where}: expected the days off before one 放假 ({got})."
                raise NoticeError(msg)
            stated = _days_stated(before, dates, where)
            off |= stated
            count = _COUNT.search(clause) or next(
                (_COUNT.search(c) for c in clauses if c.startswith("共")), None
            )
            if count and _chinese_number(count.group(1)) != len(stated):
                msg = f"{where}: the notice says {count.group(0)} but the dates give {len(stated)} days"
                raise NoticeError(f"{msg} ({brief(item.body)}).")
        elif "补休" in clause and marks:
            off |= {dates[i] for i in marks}
        elif "上班" in clause and marks:
            work |= {dates[i] for i in marks}
        if "与周末连休" in clause:
            weekend = True
    if not seen_off:
        raise NoticeError(f"{where}: expected '<date>放假' or '<date>至<date>放假' (got {brief(item.body)}).")
    if weekend:
        try:
            off |= _next_weekend(off, where)
        except OverflowError:
            raise NoticeError(f"{where}: '与周末连休' runs past the last representable day.") from None
    for d in sorted(work):
        if d.weekday() < 5:
            raise NoticeError(
                f"{where}: make-up working day {d} is a weekday; expected a Saturday or Sunday."
            )
    return off, work


def _clauses(item: Item, year: int) -> tuple[list[str], list[date]]:
    """The item's clauses with each date replaced by ``⟨i⟩``, and the dates resolved."""
    dates: list[date] = []
    out = []
    last = 0
    previous: date | None = None
    body = item.body
    for m in _TOKEN.finditer(body):
        out.append(body[last : m.start()])
        last = m.end()
        if m.group(3) is None:
            continue  # a bracket not after a date, e.g. "除夕(2月9日)" or "(即农历除夕至正月初六)"
        day = _resolve(m.group(1), m.group(2), m.group(3), previous, year, item, m.group(0))
        note = m.group(4)
        if note:
            wd = _WEEKDAY.search(note)
            if wd and "一二三四五六日日".index(wd.group(1).replace("天", "日")) != day.weekday():
                said = wd.group(0)
                actual = f"{_ENGLISH_WEEKDAYS[day.weekday()]} (星期{_WEEKDAYS[day.weekday()]})"
                msg = f"line {item.line}: {brief(m.group(0))} says {said} but {day} is a {actual}"
                raise NoticeError(f"{msg}; expected the weekday to match the date.")
        out.append(f"⟨{len(dates)}⟩")
        dates.append(day)
        previous = day
    out.append(body[last:])
    return [c for c in re.split(r"[,;。:]", "".join(out)) if c], dates


def _resolve(  # noqa: PLR0917 - the parts of one date as the regex found them
    y: str | None, mo: str | None, d: str, previous: date | None, year: int, item: Item, said: str
) -> date:
    try:
        if y is not None:
            if mo is None:
                raise ValueError("a year and a day without a month")
            return date(int(y), int(mo), int(d))
        if mo is None:
            if previous is None:
                raise ValueError("a day without a month before any full date")
            return date(previous.year, previous.month, int(d))
        if previous is None:
            return date(year, int(mo), int(d))
        candidates = []
        for cy in (previous.year - 1, previous.year, previous.year + 1):
            try:
                candidates.append(date(cy, int(mo), int(d)))
            except ValueError:
                continue
        if not candidates:
            raise ValueError("no such day")
        return min(candidates, key=lambda c: abs((c - previous).days))
    except ValueError as error:
        msg = f"line {item.line}: expected a real date (got {brief(said)}: {error})"
        raise NoticeError(msg) from None


def _days_stated(text: str, dates: list[date], where: str) -> set[date]:
    """The days before 放假: ``⟨0⟩至⟨1⟩`` is a range, ``⟨0⟩、⟨1⟩`` a list."""
    parts = re.split(r"(⟨\d+⟩)", text)
    days: set[date] = set()
    pending: date | None = None
    joined_by_range = False
    for part in parts:
        m = re.fullmatch(r"⟨(\d+)⟩", part)
        if m:
            day = dates[int(m.group(1))]
            if joined_by_range and pending is not None:
                if not 0 < (day - pending).days <= 15:
                    raise NoticeError(
                        f"{where}: expected a range of at most 16 days (got {pending} to {day})."
                    )
                days |= {pending + timedelta(days=k) for k in range((day - pending).days + 1)}
            days.add(day)
            pending, joined_by_range = day, False
        elif _RANGE.match(part):
            joined_by_range = True
        elif part not in ("", "、", "和", "及"):
            raise NoticeError(f"{where}: expected dates joined by 至 or 、 before 放假 (got {brief(part)}).")
    return days


def _next_weekend(off: set[date], where: str) -> set[date]:
    """The Saturday and Sunday next to ``off`` (与周末连休)."""
    first, last = min(off), max(off)
    if last.weekday() == 4:
        return {last + timedelta(days=1), last + timedelta(days=2)}
    if first.weekday() == 0:
        return {first - timedelta(days=2), first - timedelta(days=1)}
    if last.weekday() == 5:
        return {last + timedelta(days=1)}
    if first.weekday() == 6:
        return {first - timedelta(days=1)}
    msg = f"{where}: '与周末连休' but {first}–{last} is not next to a weekend; expected a Friday or Monday."
    raise NoticeError(msg)
