"""The ``adservice`` command: the library's only module that reads input or prints.

Every sub-command prints a table by default and JSON with ``--json``; bad
input prints one line to stderr and exits with status 2, never a traceback.
``adservice --version`` prints the installed version.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from importlib.metadata import PackageNotFoundError, version
from typing import Any, NoReturn

from adservice.calendar.localnames import check_text
from adservice.calendar.notice import Notice, parse_notice
from adservice.calendar.workcalendar import WorkCalendar
from adservice.deadlines.plans import plan, plan_backward
from adservice.errors import AdServiceError
from adservice.i18n import choose_locale
from adservice.present.plan_text import backward_plan_text, plan_text
from adservice.present.text import month_text

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


def _cmd_calendar(args: argparse.Namespace) -> str:
    cal = _calendar(args)
    year, month = args.month
    if not args.json:
        return month_text(year, month, calendar=cal, locale=args.locale)
    days = []
    for d in range(1, 32):
        try:
            day = date(year, month, d)
        except ValueError:
            break
        info = cal.day_kind(day)
        days.append(
            {
                "date": day.isoformat(),
                "kind": info.kind.value,
                "name": info.name,
                "working": info.is_working,
                "provisional": info.provisional,
                "source": info.source,
            }
        )
    return _dump({"region": cal.region, "month": f"{year:04d}-{month:02d}", "days": days})


def _cmd_check(args: argparse.Namespace) -> str:
    cal = _calendar(args)
    info = cal.day_kind(args.date)
    nxt = cal.next_working_day(args.date)
    prev = cal.previous_working_day(args.date)
    if args.json:
        return _dump(
            {
                "date": args.date.isoformat(),
                "kind": info.kind.value,
                "name": info.name,
                "working": info.is_working,
                "provisional": info.provisional,
                "source": info.source,
                "previous_working_day": prev.isoformat(),
                "next_working_day": nxt.isoformat(),
                "explanation": info.describe(),
            }
        )
    return check_text(info, prev, nxt, calendar=cal, locale=args.locale)


def _cmd_plan(args: argparse.Namespace) -> str:
    cal = _calendar(args)
    if args.deliver_by is not None:
        back = plan_backward(args.item, args.deliver_by, calendar=cal, days=args.days)
        return _dump(back.to_dict()) if args.json else backward_plan_text(back, locale=args.locale)
    forward = plan(args.item, args.received, calendar=cal, days=args.days, review_days=args.review_days)
    return _dump(forward.to_dict()) if args.json else plan_text(forward, locale=args.locale)


def _cmd_demo(args: argparse.Namespace) -> str:
    from adservice.demo import demo_engagement, demo_report, demo_timeline_text  # noqa: PLC0415

    engagement = demo_engagement(locale=args.locale)
    return _dump(demo_report(engagement)) if args.json else demo_timeline_text(engagement, locale=args.locale)


def _cmd_obligations(args: argparse.Namespace) -> str:
    from adservice.demo import demo_portfolio  # noqa: PLC0415
    from adservice.portfolio.obligations import obligations_due  # noqa: PLC0415
    from adservice.present.text import obligations_text  # noqa: PLC0415

    if args.to < args.start:
        raise _Refused(f"--to {args.to} is before --from {args.start}; give a window forward in time")
    calendar = WorkCalendar("CN")  # the demo portfolio's calendar
    _inside(calendar, "--from", args.start)
    _inside(calendar, "--to", args.to)
    found = obligations_due(demo_portfolio(locale=args.locale), args.start, args.to + timedelta(days=1))
    if args.json:
        return _dump([o.to_dict() for o in found])
    return obligations_text(found, explain=args.explain, locale=args.locale)


def _cmd_status(args: argparse.Namespace) -> str:
    from adservice.demo import demo_portfolio  # noqa: PLC0415
    from adservice.portfolio.reports import status_report  # noqa: PLC0415
    from adservice.present.text import status_report_text  # noqa: PLC0415

    _inside(WorkCalendar("CN"), "--as-of", args.as_of)  # the demo portfolio's calendar
    report = status_report(demo_portfolio(locale=args.locale), args.as_of)
    return _dump(report.to_dict()) if args.json else status_report_text(report, locale=args.locale)


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
        "plan", parents=[common], help="plan a turnaround item from its work order, or back from a date"
    )
    planner.add_argument("item", metavar="ITEM", help="turnaround key, e.g. print_single")
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
    planner.add_argument("--days", type=_parse_count, default=None, help="commitment inside the item's range")
    planner.add_argument(
        "--review-days",
        type=_parse_count,
        default=0,
        metavar="N",
        help="client review working days between steps",
    )
    planner.set_defaults(handler=_cmd_plan)

    demo = sub.add_parser("demo", help="walk a realistic 2026 engagement and print its timeline")
    demo.add_argument("--json", action="store_true", help="print JSON instead of a timeline")
    demo.set_defaults(handler=_cmd_demo)

    duties = sub.add_parser("obligations", help="the demo portfolio's duties (O1-O13) in a window of days")
    duties.add_argument("--from", dest="start", type=_parse_date, required=True, metavar="DATE")
    duties.add_argument("--to", type=_parse_date, required=True, metavar="DATE", help="last day, inclusive")
    duties.add_argument("--explain", action="store_true", help="say why each date is what it is")
    duties.add_argument("--json", action="store_true", help="print JSON instead of a table")
    duties.set_defaults(handler=_cmd_obligations)

    status = sub.add_parser("status", help="the demo portfolio's weekly status report and overdue list")
    status.add_argument("--as-of", type=_parse_date, required=True, metavar="DATE")
    status.add_argument("--json", action="store_true", help="print JSON instead of a table")
    status.set_defaults(handler=_cmd_status)
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
        print(out)
    except BrokenPipeError:  # e.g. piped into head: the reader has what it wanted
        sys.stderr.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
