"""The ``adservice`` command: the library's only module that reads input or prints.

Every sub-command prints a table by default and JSON with ``--json``; bad
input prints one line to stderr and exits with status 2, never a traceback.
``adservice --version`` prints the installed version. ``status``,
``obligations`` and ``ics`` read your own engagements with ``--engagements
FILE...`` (JSON written by ``Engagement.to_dict``: one engagement or a list);
without it they show the demo portfolio.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, timezone
from importlib.metadata import PackageNotFoundError, version
from typing import Any, NoReturn

from adservice.calendar.localnames import check_text
from adservice.calendar.notice import Notice, parse_notice
from adservice.calendar.workcalendar import WorkCalendar
from adservice.deadlines.plans import plan, plan_backward, plan_from_placement
from adservice.engagement.lifecycle import Engagement
from adservice.errors import AdServiceError
from adservice.i18n import choose_locale
from adservice.present.placement_text import items_text, placement_plan_text
from adservice.present.plan_text import backward_plan_text, plan_text
from adservice.present.text import month_text
from adservice.rulebook.book import Rulebook

__all__ = ["main"]

_Handler = Callable[[argparse.Namespace], str]


class _Refused(Exception):
    """Command-line input the library would accept but the command cannot use."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose complaints are one line (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {_one_line(message)} (see --help)\n")


def _one_line(text: str) -> str:
    """The first line of a message, without control characters an argument may have carried."""
    first = (text.splitlines() or [""])[0]
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in first)


def _shown(text: str) -> str:
    """An argument quoted for a message, shortened: a 10,000-digit number is not repeated back."""
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _parse_date(text: str) -> date:
    # Only the documented form: fromisoformat also reads "20250926" and week dates since Python 3.11.
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"{_shown(text)} is not a date; use YYYY-MM-DD, e.g. 2025-09-26")


def _parse_instant(text: str) -> datetime:
    try:
        # Python 3.10's fromisoformat does not read a trailing "Z"; it means UTC.
        at = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        at = None
    if at is None or not re.match(r"\d{4}-\d{2}-\d{2}[T ]", text):
        raise argparse.ArgumentTypeError(
            f"{_shown(text)} is not a date and time; use ISO 8601 with the UTC offset, "
            "e.g. 2025-09-26T10:00+08:00"
        )
    if at.utcoffset() is None:
        # The library refuses naive datetimes too; saying so here names the option and the fix.
        raise argparse.ArgumentTypeError(
            f"{_shown(text)} has no UTC offset; say where the clock was, e.g. {text}+08:00 or {text}Z"
        )
    return at


def _parse_month(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if not match or match[1] == "0000" or not 1 <= int(match[2]) <= 12:
        raise argparse.ArgumentTypeError(f"{_shown(text)} is not a month; use YYYY-MM, e.g. 2025-10")
    return int(match[1]), int(match[2])


_MAX_COUNT = 10_000  # working days: far beyond any turnaround, small enough to compute at once


def _parse_count(text: str) -> int:
    """A whole number of working days, 0..10,000 (the library's own checks then apply)."""
    if not re.fullmatch(r"[+-]?\d{1,6}", text.strip()):
        raise argparse.ArgumentTypeError(f"{_shown(text)} is not a whole number of working days (0..10000)")
    value = int(text)
    if not 0 <= value <= _MAX_COUNT:
        raise argparse.ArgumentTypeError(f"{value} is not a number of working days; give 0..{_MAX_COUNT}")
    return value


def _calendar(args: argparse.Namespace) -> WorkCalendar:
    notices = [_read_notice(path) for path in args.notice]
    return WorkCalendar(args.region, subdivision=args.subdivision, tz=args.tz, notices=notices)


def _read_notice(path: str) -> Notice:
    """An official notice from a UTF-8 text file (``--notice FILE``), parsed."""
    try:
        with open(path, encoding="utf-8-sig") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        raise _Refused(f"--notice {path}: cannot read it as UTF-8 text ({error})") from None
    return parse_notice(text)


def _inside(cal: WorkCalendar, what: str, day: date) -> None:
    """Refuse a day outside the calendar's years before the library computes windows around it."""
    first, last = cal.horizon
    # The reports look a few weeks around the day asked for, so the last month counts as outside.
    low, high = date(first, 1, 1), date(last, 12, 1)
    if not low <= day <= high:
        raise _Refused(
            f"{what} {day} is outside {low}..{high}, the days the {cal.region} calendar reports on"
        )


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _day_json(cal: WorkCalendar, day: date) -> dict[str, Any]:
    info = cal.day_kind(day)
    return {
        "date": day.isoformat(),
        "kind": info.kind.value,
        "name": info.name,
        "working": info.is_working,
        "provisional": info.provisional,
        "source": info.source,
    }


def _cmd_calendar(args: argparse.Namespace) -> str:
    cal = _calendar(args)
    year, month = args.month
    if not args.json:
        return month_text(year, month, calendar=cal, locale=args.locale)
    first = date(year, month, 1)
    days = [
        _day_json(cal, first + timedelta(days=n))
        for n in range(31)
        if (first + timedelta(days=n)).month == month
    ]
    return _dump({"region": cal.region, "month": f"{year:04d}-{month:02d}", "days": days})


def _cmd_check(args: argparse.Namespace) -> str:
    cal = _calendar(args)
    info = cal.day_kind(args.date)
    nxt = cal.next_working_day(args.date)
    prev = cal.previous_working_day(args.date)
    if args.json:
        return _dump(
            {
                **_day_json(cal, args.date),
                "previous_working_day": prev.isoformat(),
                "next_working_day": nxt.isoformat(),
                "explanation": info.describe(),
            }
        )
    return check_text(info, prev, nxt, calendar=cal, locale=args.locale)


def _cmd_plan(args: argparse.Namespace) -> str:
    cal = _calendar(args)
    items: list[str] = args.item
    if args.placement is not None:
        if args.days is not None and len(items) > 1:
            raise _Refused("--days applies to one ITEM; give one item, or leave --days out")
        placed = plan_from_placement(
            args.placement,
            items,
            calendar=cal,
            days={items[0]: args.days} if args.days is not None else None,
            review_days=args.review_days,
            materials_lead=args.materials_lead,
            booking_days=args.booking_days,
        )
        return _dump(placed.to_dict()) if args.json else placement_plan_text(placed, locale=args.locale)
    if len(items) > 1:
        raise _Refused(
            f"give one ITEM with --received or --deliver-by (got {len(items)}); --placement takes several"
        )
    (item,) = items
    if args.deliver_by is not None:
        back = plan_backward(
            item, args.deliver_by, calendar=cal, days=args.days, review_days=args.review_days
        )
        return _dump(back.to_dict()) if args.json else backward_plan_text(back, locale=args.locale)
    forward = plan(item, args.received, calendar=cal, days=args.days, review_days=args.review_days)
    return _dump(forward.to_dict()) if args.json else plan_text(forward, locale=args.locale)


def _cmd_items(args: argparse.Namespace) -> str:
    book = Rulebook.standard()
    if not args.json:
        return items_text(rulebook=book, locale=args.locale)
    rows = [
        {
            "item": key,
            "rule_id": t.rule_id,
            "days": list(t.days),
            "unit": t.unit,
            "name": t.name,
            "steps": list(t.chain),
        }
        for key, t in sorted(book.items.items())
    ]
    return _dump(rows)


def _cmd_demo(args: argparse.Namespace) -> str:
    from adservice.demo import demo_engagement, demo_report, demo_timeline_text  # noqa: PLC0415

    engagement = demo_engagement(locale=args.locale)
    return _dump(demo_report(engagement)) if args.json else demo_timeline_text(engagement, locale=args.locale)


def _read_engagements(paths: Sequence[str]) -> list[Engagement]:
    """Engagements from JSON files written by ``Engagement.to_dict`` (one engagement or a list each).

    A file that cannot be read, is not JSON (a truncated file) or does not load (a tampered log:
    ``from_dict`` checks its count and digest) is refused naming the file.
    """
    found: list[Engagement] = []
    for path in paths:
        try:
            with open(path, encoding="utf-8-sig") as file:
                data = json.load(file)
        except OSError as error:
            raise _Refused(f"--engagements {path}: cannot read it ({error.strerror or error})") from None
        except UnicodeDecodeError:
            raise _Refused(f"--engagements {path}: not UTF-8 text") from None
        except (json.JSONDecodeError, RecursionError) as error:
            why = (
                f"line {error.lineno} column {error.colno}"
                if isinstance(error, json.JSONDecodeError)
                else "too deep"
            )
            raise _Refused(f"--engagements {path}: not JSON ({why}); is the file complete?") from None
        for n, entry in enumerate(data if isinstance(data, list) else [data]):
            where = f"{path}[{n}]" if isinstance(data, list) else path
            try:
                found.append(Engagement.from_dict(entry))
            except AdServiceError as error:
                raise _Refused(f"--engagements {where}: {error}") from None
    ids = [e.id for e in found]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise _Refused(f"--engagements: engagement {twice[0]!r} is given twice")
    return found


def _portfolio(args: argparse.Namespace) -> tuple[list[Engagement], WorkCalendar]:
    """The engagements asked for (``--engagements``, else the demo) and the calendar they report on."""
    if args.engagements:
        found = _read_engagements(args.engagements)
    else:
        from adservice.demo import demo_portfolio  # noqa: PLC0415

        found = demo_portfolio(locale=args.locale)
    return found, (found[0].calendar if found else WorkCalendar("CN"))


def _cmd_obligations(args: argparse.Namespace) -> str:
    from adservice.portfolio.obligations import obligations_due  # noqa: PLC0415
    from adservice.present.text import obligations_text  # noqa: PLC0415

    if args.to < args.start:
        raise _Refused(f"--to {args.to} is before --from {args.start}; give a window forward in time")
    portfolio, calendar = _portfolio(args)
    _inside(calendar, "--from", args.start)
    _inside(calendar, "--to", args.to)
    found = obligations_due(portfolio, args.start, args.to + timedelta(days=1), calendar=calendar)
    if args.json:
        return _dump([o.to_dict() for o in found])
    return obligations_text(found, explain=args.explain, locale=args.locale)


def _cmd_status(args: argparse.Namespace) -> str:
    from adservice.portfolio.reports import status_report  # noqa: PLC0415
    from adservice.present.text import status_report_text  # noqa: PLC0415

    portfolio, calendar = _portfolio(args)
    _inside(calendar, "--as-of", args.as_of)
    report = status_report(portfolio, args.as_of, calendar=calendar)
    return _dump(report.to_dict()) if args.json else status_report_text(report, locale=args.locale)


def _cmd_ics(args: argparse.Namespace) -> str:
    from adservice.present.ics import to_ics  # noqa: PLC0415

    portfolio, _ = _portfolio(args)
    stamp = args.stamp if args.stamp is not None else datetime.now(timezone.utc)
    return to_ics(portfolio, stamp=stamp, name=args.name, locale=args.locale).decode("utf-8")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="adservice",
        description="Agency client service by the book: deadlines in real working days.",
    )
    try:
        installed = version("adservice")
    except PackageNotFoundError:  # running from a source tree without install
        installed = "unknown (not installed)"
    parser.add_argument("--version", action="version", version=f"adservice {installed}")
    parser.add_argument(
        "--lang", metavar="LOCALE", help="output language: en, zh_CN, zh_TW (zh_HK: zh_TW); default: $LANG"
    )
    common = _Parser(add_help=False)
    common.add_argument("--region", default="CN", help="holidays region code (default CN)")
    common.add_argument("--subdivision", default=None, help="province/state code, if any")
    common.add_argument(
        "--tz", default=None, metavar="ZONE", help="IANA time zone of the office (default: the region's)"
    )
    common.add_argument("--json", action="store_true", help="print JSON instead of a table")
    common.add_argument(
        "--notice",
        action="append",
        default=[],
        metavar="FILE",
        help="an official holiday notice (UTF-8 text) to apply over the data, CN only; repeat in order",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    cal = sub.add_parser("calendar", parents=[common], help="show a month's working days")
    cal.add_argument("month", type=_parse_month, metavar="YYYY-MM")
    cal.set_defaults(handler=_cmd_calendar)

    check = sub.add_parser("check", parents=[common], help="say what kind of day a date is")
    check.add_argument("date", type=_parse_date, metavar="DATE")
    check.set_defaults(handler=_cmd_check)

    planner = sub.add_parser(
        "plan",
        parents=[common],
        help="plan turnaround items from a work order, back from a delivery date, or from a placement",
    )
    planner.add_argument("item", nargs="+", metavar="ITEM", help="turnaround key, e.g. print_single")
    when = planner.add_mutually_exclusive_group(required=True)
    when.add_argument(
        "--received",
        type=_parse_instant,
        metavar="ISO-DATETIME",
        help="when the written work order arrived, with its UTC offset (e.g. 2025-09-26T10:00+08:00)",
    )
    when.add_argument(
        "--deliver-by", type=_parse_date, metavar="DATE", help="plan backward from this delivery date"
    )
    when.add_argument(
        "--placement",
        type=_parse_date,
        metavar="DATE",
        help="the media chain backward from this placement date (G4, G10, O7), and each ITEM's work order",
    )
    planner.add_argument("--days", type=_parse_count, default=None, help="commitment inside the item's range")
    planner.add_argument(
        "--review-days",
        type=_parse_count,
        default=0,
        metavar="N",
        help="client review working days between steps (and for each client step of the media chain)",
    )
    planner.add_argument(
        "--materials-lead",
        type=_parse_count,
        default=1,
        metavar="N",
        help="with --placement: working days between materials delivery and placement (default 1)",
    )
    planner.add_argument(
        "--booking-days",
        type=_parse_count,
        default=1,
        metavar="N",
        help="with --placement: working days the booking takes (default 1)",
    )
    planner.set_defaults(handler=_cmd_plan)

    items = sub.add_parser("items", help="the turnaround items: ranges, units and rule ids")
    items.add_argument("--json", action="store_true", help="print JSON instead of a table")
    items.set_defaults(handler=_cmd_items)

    demo = sub.add_parser("demo", help="walk a realistic 2026 engagement and print its timeline")
    demo.add_argument("--json", action="store_true", help="print JSON instead of a timeline")
    demo.set_defaults(handler=_cmd_demo)

    mine = _Parser(add_help=False)
    mine.add_argument(
        "--engagements",
        nargs="+",
        default=[],
        metavar="FILE",
        help="JSON files written by Engagement.to_dict (one engagement or a list); default: the demo",
    )

    duties = sub.add_parser("obligations", parents=[mine], help="duties (O1-O17) in a window of days")
    duties.add_argument("--from", dest="start", type=_parse_date, required=True, metavar="DATE")
    duties.add_argument("--to", type=_parse_date, required=True, metavar="DATE", help="last day, inclusive")
    duties.add_argument("--explain", action="store_true", help="say why each date is what it is")
    duties.add_argument("--json", action="store_true", help="print JSON instead of a table")
    duties.set_defaults(handler=_cmd_obligations)

    status = sub.add_parser("status", parents=[mine], help="the weekly status report and overdue list")
    status.add_argument("--as-of", type=_parse_date, required=True, metavar="DATE")
    status.add_argument("--json", action="store_true", help="print JSON instead of a table")
    status.set_defaults(handler=_cmd_status)

    ics = sub.add_parser("ics", parents=[mine], help="the engagements' deadlines and duties as iCalendar")
    ics.add_argument(
        "--stamp",
        type=_parse_instant,
        default=None,
        metavar="ISO-DATETIME",
        help="the export's DTSTAMP (default: now)",
    )
    ics.add_argument("--name", default=None, help="the calendar's display name")
    ics.set_defaults(handler=_cmd_ics)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, or 2 for any input it cannot use).

    Args:
        argv: the arguments after the program name; ``None`` reads ``sys.argv``.

    Returns:
        0 after printing the answer; 2 after printing one line to stderr.

    >>> main(["--version"]) == 0
    adservice ...
    True
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    handler: _Handler = args.handler
    try:
        args.locale = choose_locale(args.lang, os.environ)  # --lang, else LC_ALL/LC_MESSAGES/LANG
        out = handler(args)
    except (AdServiceError, _Refused) as error:
        print(f"adservice {args.command}: error: {_one_line(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"adservice {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # the promise is one line and status 2, never a traceback
        # Input reached a library path that fails undocumented (issue 9 lists such leaks); the
        # user still gets one line naming the command, and the exception's own words.
        print(
            f"adservice {args.command}: error: cannot use this input ({type(error).__name__}: "
            f"{_one_line(str(error))})",
            file=sys.stderr,
        )
        return 2
    try:
        if out.endswith("\n"):  # iCalendar: its own CRLF line ends, kept as they are
            sys.stdout.write(out)
        else:
            print(out)
    except BrokenPipeError:  # e.g. piped into head: the reader has what it wanted
        sys.stderr.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
