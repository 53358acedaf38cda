"""pandas DataFrames of plans, obligations, clock statuses and report rows, for analysts in notebooks.

Needs the ``[pandas]`` extra (``pip install 'adservice[pandas]'``); pandas is
imported the first time a frame is built, so ``import adservice.present.frames`` works
without it and the frame functions raise
:class:`~adservice.errors.MissingExtraError` saying what to install.

Columns keep their meaning in types pandas can compute with: days (``due``,
``start``) are ``datetime64`` at midnight, instants (``deadline``) are
time-zone-aware ``datetime64`` in their calendar's zone (``object`` if rows mix
zones), working time is ``timedelta64``, and yes/no/unknown is pandas'
nullable ``boolean``. A column keeps its dtype whatever the rows hold: an empty input
gives an empty frame with the same columns and dtypes, and an instant column with no
value in it (no duty done yet) is in UTC.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> p = plan("print_single", datetime(2025, 9, 26, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    >>> df = plans_frame(p)
    >>> df[["step", "days"]].values.tolist()
    [['creative_concept', 2], ['copy_and_layout', 3], ['final_art', 2], ['colour_proof', 1], ['film', 1]]
    >>> df["due_date"].dt.strftime("%a %m-%d").tolist()
    ['Mon 09-29', 'Fri 10-10', 'Mon 10-13', 'Tue 10-14', 'Wed 10-15']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from adservice.calendar.workcalendar import require_aware
from adservice.deadlines.clocks import Clock
from adservice.deadlines.due import Due
from adservice.deadlines.plans import BackwardPlan, PlacementPlan, Plan
from adservice.engagement.lifecycle import Engagement
from adservice.errors import CalendarRangeError, InvalidInputError, brief
from adservice.present._columns import column_labels
from adservice.present._extras import require

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CLOCK_COLUMNS",
    "OBLIGATION_COLUMNS",
    "PLAN_COLUMNS",
    "clocks_frame",
    "obligations_frame",
    "plans_frame",
    "report_frame",
]

#: The columns of :func:`plans_frame`, in order.
PLAN_COLUMNS: tuple[str, ...] = (
    "job",
    "item",
    "direction",
    "kind",
    "step",
    "name",
    "rule_id",
    "days",
    "unit",
    "start",
    "due_date",
    "deadline",
    "provisional",
)
#: The columns of :func:`obligations_frame`, in order.
OBLIGATION_COLUMNS: tuple[str, ...] = (
    "engagement_id",
    "rule_id",
    "what",
    "earliest",
    "deadline",
    "provisional",
    "because",
    "done_at",
    "explanation",
)
#: The columns of :func:`clocks_frame`, in order.
CLOCK_COLUMNS: tuple[str, ...] = (
    "job",
    "key",
    "rule_id",
    "as_of",
    "started_at",
    "due",
    "original_due",
    "budget",
    "agency_time",
    "client_time",
    "remaining",
    "used_fraction",
    "risk",
    "verdict",
    "paused",
    "stopped",
    "met",
    "lateness",
    "delay",
    "latest_safe_start",
)


def _is_day(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


#: The dtype of each typed column, whatever the rows hold: a column with no value in it (no duty
#: done yet, every clock running, no rows at all) keeps its schema's dtype, and a yes/no/unknown
#: column is always the nullable ``boolean``. Instants with no value to take a zone from are UTC.
_DTYPES: dict[str, str] = {
    **dict.fromkeys(("start", "due_date"), "datetime64[s]"),
    **dict.fromkeys(("deadline", "earliest", "done_at", "as_of", "started_at"), "datetime64[us, UTC]"),
    **dict.fromkeys(("due", "original_due", "latest_safe_start"), "datetime64[us, UTC]"),
    **dict.fromkeys(
        ("budget", "agency_time", "client_time", "remaining", "lateness", "delay"), "timedelta64[us]"
    ),
    **dict.fromkeys(("provisional", "paused", "stopped"), "bool"),
    "met": "boolean",
}


def _frame(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], dtypes: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """A DataFrame of ``rows`` with ``columns``, each column in the dtype that fits its values.

    A column named in ``dtypes`` keeps that dtype when it holds no value (an empty frame included),
    and a ``boolean`` one stays nullable when every row knows its answer.
    """
    require("pandas", "pandas", needs="pandas>=2")
    import pandas as pd  # noqa: PLC0415 - the optional [pandas] extra is imported on first use only

    df: pd.DataFrame = pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=list(columns))
    schema = dtypes or {}
    for column in columns:
        present = [v for v in df[column] if v is not None and v is not pd.NaT]
        declared = schema.get(column)
        if declared is not None and (not present or declared == "boolean"):
            df[column] = df[column].astype(object).astype(declared)  # type: ignore[call-overload]
            continue
        if not present:
            continue
        if all(_is_day(v) for v in present):
            df[column] = pd.to_datetime(df[column])
        elif all(isinstance(v, timedelta) for v in present):
            df[column] = pd.to_timedelta(df[column])
        elif all(isinstance(v, bool) for v in present) and len(present) < len(df):
            df[column] = df[column].astype("boolean")
    return df


# -- plans -----------------------------------------------------------------------


def _plan_rows(p: Plan | BackwardPlan, job: str | None) -> list[dict[str, Any]]:
    direction = "forward" if isinstance(p, Plan) else "backward"
    reviews = {r.after: r for r in p.reviews} if isinstance(p, Plan) else {}
    rows: list[dict[str, Any]] = []
    for s in p.steps:
        rows.append(
            {
                "job": job,
                "item": p.item,
                "direction": direction,
                "kind": "step",
                "step": s.key,
                "name": s.name,
                "rule_id": s.rule_id,
                "days": s.days,
                "unit": s.unit,
                "start": s.start,
                "due_date": s.due_date,
                "deadline": s.deadline,
                "provisional": s.provisional,
            }
        )
        review = reviews.get(s.key)
        if review is not None:
            rows.append(
                {
                    "job": job,
                    "item": p.item,
                    "direction": direction,
                    "kind": "review",
                    "step": s.key,
                    "name": f"client review of {s.name or s.key}",
                    "rule_id": "G3",
                    "days": review.days,
                    "unit": "working_days",
                    "start": review.start,
                    "due_date": review.due_date,
                    "deadline": review.deadline,
                    "provisional": review.provisional,
                }
            )
    return rows


#: Lists of lists of plans (or clocks, duties) are read this many levels deep, no deeper.
_MAX_NESTING = 8


def _nesting(depth: int) -> None:
    if depth > _MAX_NESTING:
        raise InvalidInputError(f"a frame's source nests deeper than {_MAX_NESTING} levels; flatten it.")


def _plans(source: object, job: str | None, out: list[dict[str, Any]], depth: int = 0) -> None:
    _nesting(depth)
    if isinstance(source, (Plan, BackwardPlan)):
        out.extend(_plan_rows(source, job))
    elif isinstance(source, PlacementPlan):
        for item in source.items:
            _plans(item, job, out, depth + 1)
    elif isinstance(source, Engagement):
        _plans(source.plans(), None, out, depth + 1)
    elif isinstance(source, Mapping):
        for key, value in source.items():
            _plans(value, str(key), out, depth + 1)
    elif isinstance(source, Iterable) and not isinstance(source, (str, bytes)):
        for value in source:
            _plans(value, job, out, depth + 1)
    else:
        raise InvalidInputError(
            f"plans_frame takes plans, backward or placement plans, an engagement, a mapping of job "
            f"number to plan, or a list of these (got {brief(source)})."
        )


def plans_frame(
    plans: Plan
    | BackwardPlan
    | PlacementPlan
    | Engagement
    | Mapping[str, Plan | BackwardPlan]
    | Iterable[Plan | BackwardPlan | PlacementPlan],
    *,
    locale: str = "en",
) -> pd.DataFrame:
    """One row per step (and per client review) of one or many plans: a table a Gantt chart reads.

    Args:
        plans: a plan (forward or backward), a placement plan (its items), an engagement (the plan
            of every job order, by job number), a mapping of job number to plan, or a list of these.

    Returns:
        A frame with :data:`PLAN_COLUMNS`: ``job`` (the mapping key, else ``None``), ``direction``
        (``"forward"``/``"backward"``), ``kind`` (``"step"``/``"review"``), ``start`` and ``due``
        (datetime64), ``deadline`` (aware), ``provisional``.

    Raises:
        MissingExtraError: pandas (the ``[pandas]`` extra) is not installed.
        InvalidInputError: something that is not a plan.

    >>> from zoneinfo import ZoneInfo
    >>> from adservice.deadlines.plans import plan
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> jobs = {"J-1": plan("media_schedule", datetime(2025, 9, 29, 9, tzinfo=sh)),
    ...         "J-2": plan("phase_plan", datetime(2025, 9, 29, 9, tzinfo=sh))}
    >>> df = plans_frame(jobs)
    >>> list(df["job"]), [str(d.date()) for d in df["due_date"]]
    (['J-1', 'J-2'], ['2025-10-10', '2025-10-11'])
    """
    rows: list[dict[str, Any]] = []
    _plans(plans, None, rows)
    return column_labels(_frame(rows, PLAN_COLUMNS, _DTYPES), locale)


# -- duties and obligations -----------------------------------------------------------


def _obligations(
    source: object, engagement_id: str | None, out: list[dict[str, Any]], depth: int = 0
) -> None:
    _nesting(depth)
    if isinstance(source, Engagement):
        for duty in source.duties:
            _obligations(duty, source.id, out, depth + 1)
    elif isinstance(source, Due):
        explain = getattr(source, "explain", None)  # an Obligation words its steps
        zone = source.due.tzinfo  # every instant of the row in the due's (the calendar's) zone
        out.append(
            {
                "engagement_id": source.subject or engagement_id,
                "rule_id": source.rule_id,
                "what": source.what,
                "earliest": (source.earliest or source.due).astimezone(zone),
                "deadline": source.due,
                "provisional": source.provisional,
                "because": source.because or None,
                "done_at": source.done_at.astimezone(zone) if source.done_at is not None else None,
                "explanation": str(explain()) if callable(explain) else source.describe(),
            }
        )
    elif isinstance(source, Iterable) and not isinstance(source, (str, bytes, Mapping)):
        for value in source:
            _obligations(value, engagement_id, out, depth + 1)
    else:
        raise InvalidInputError(
            "obligations_frame takes engagements, duties, "
            f"obligations or a list of these (got {brief(source)})."
        )


def obligations_frame(
    source: Engagement | Due | Iterable[Engagement | Due],
    *,
    locale: str = "en",
) -> pd.DataFrame:
    """One row per duty or obligation: rule, what, when, why.

    Args:
        source: an engagement (the duties its lifecycle created: O2/O3 reports, O5, O7), a
            portfolio (a list of engagements), or :class:`~adservice.deadlines.Due` values
            (duties, obligations, client-issue deadlines).

    Returns:
        A frame with :data:`OBLIGATION_COLUMNS`, in input order: ``earliest`` equals ``deadline``
        unless the duty is due in a window; ``because`` says why it is due.

    Raises:
        MissingExtraError: pandas (the ``[pandas]`` extra) is not installed.
        InvalidInputError: something that is none of these.

    >>> from adservice.demo import demo_engagement
    >>> df = obligations_frame(demo_engagement())
    >>> df.groupby("rule_id").size().to_dict()
    {'O2': 2, 'O3': 1, 'O5': 2, 'O7': 1}
    """
    rows: list[dict[str, Any]] = []
    _obligations(source, None, rows)
    return column_labels(_frame(rows, OBLIGATION_COLUMNS, _DTYPES), locale)


# -- clocks -----------------------------------------------------------------------------


def _clocks(source: object, job: str | None, out: list[tuple[str | None, Clock]], depth: int = 0) -> None:
    _nesting(depth)
    if isinstance(source, Clock):
        out.append((job, source))
    elif isinstance(source, Engagement):
        _clocks(source.clocks(), None, out, depth + 1)
    elif isinstance(source, Mapping):
        for key, value in source.items():
            _clocks(value, str(key), out, depth + 1)
    elif isinstance(source, Iterable) and not isinstance(source, (str, bytes)):
        for value in source:
            _clocks(value, job, out, depth + 1)
    else:
        raise InvalidInputError(
            f"clocks_frame takes clocks, an engagement, a mapping of job number to clock, or a list of "
            f"these (got {brief(source)})."
        )


def clocks_frame(
    clocks: Clock | Engagement | Mapping[str, Clock] | Iterable[Clock | Engagement],
    as_of: datetime,
    *,
    thresholds: Iterable[float] = (0.5, 0.75),
    locale: str = "en",
) -> pd.DataFrame:
    """One row per clock: where it stands at ``as_of`` (see :meth:`Clock.status`).

    Args:
        clocks: a clock, an engagement (a clock per job order), a mapping of job number to clock,
            or a list of these.
        as_of: the instant to judge at (aware); passed in, never read from the system clock.
        thresholds: fractions of the budget that mark risk levels.

    Returns:
        A frame with :data:`CLOCK_COLUMNS`: ``budget``, ``agency_time``, ``client_time``,
        ``remaining``, ``lateness`` and ``delay`` as timedelta64; ``verdict`` ``"met"``,
        ``"breached"`` or ``"open"``; ``met`` nullable (unknown while running).

    Raises:
        MissingExtraError: pandas (the ``[pandas]`` extra) is not installed.
        NaiveDatetimeError: ``as_of`` has no time zone.
        ChronologyError: ``as_of`` before a clock started.
        CalendarRangeError: ``as_of`` too close to the limits of datetime to show in a clock's zone.
        InvalidInputError: something that is not a clock; bad thresholds.

    >>> from adservice.demo import demo_engagement
    >>> e = demo_engagement()
    >>> df = clocks_frame(e, as_of=e.events[-1].at)
    >>> df[["job", "verdict"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['BJ-202601-01', 'met'], ['BJ-202601-02', 'breached'],
     ['BJ-202601-01-R1', 'met'], ['BJ-202601-01-R2', 'met']]
    """
    now = require_aware(as_of, "as_of")
    found: list[tuple[str | None, Clock]] = []
    _clocks(clocks, None, found)
    levels = tuple(thresholds) if isinstance(thresholds, Iterable) else thresholds
    rows: list[dict[str, Any]] = []
    for job, clock in found:
        st = clock.status(now, thresholds=levels)
        zone = clock.calendar.tz  # every instant in the clock's calendar's zone, as documented
        values = {f: getattr(st, f) for f in CLOCK_COLUMNS if f not in {"job", "verdict"}}
        try:
            values = {f: v.astimezone(zone) if isinstance(v, datetime) else v for f, v in values.items()}
        except OverflowError:  # year 1 or 9999 has no wall time in every zone
            msg = f"as_of {now.isoformat()} is too close to the limits of datetime to show in {zone}."
            raise CalendarRangeError(msg) from None
        rows.append(
            {
                "job": job if job is not None else clock.key,
                **values,
                "verdict": st.verdict,
            }
        )
    return column_labels(_frame(rows, CLOCK_COLUMNS, _DTYPES), locale)


# -- any report rows ----------------------------------------------------------------------


def _row(value: object) -> dict[str, Any]:
    kind = type(value)
    if attrs.has(kind):
        return {f.name: getattr(value, f.name) for f in attrs.fields(kind)}
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    raise InvalidInputError(f"a report row must be an attrs value or a mapping (got {brief(value)}).")


def report_frame(
    rows: Iterable[object], *, columns: Sequence[str] | None = None, locale: str = "en"
) -> pd.DataFrame:
    """A frame of report rows: attrs values (a status report's rows, clock statuses, ...) or mappings.

    Columns are the fields of the rows, in the order they first appear (or
    ``columns``, in that order); a field a row lacks is left empty.

    Args:
        rows: the report's rows.
        columns: the columns to keep, in order (default: every field).

    Returns:
        One row per report row.

    Raises:
        MissingExtraError: pandas (the ``[pandas]`` extra) is not installed.
        InvalidInputError: a row that is neither an attrs value nor a mapping.

    >>> df = report_frame([{"job": "J-1", "late_by": timedelta(hours=3)}, {"job": "J-2", "owner": "Li"}])
    >>> list(df.columns), str(df["late_by"].dtype).startswith("timedelta64")
    (['job', 'late_by', 'owner'], True)
    """
    if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, Iterable):
        raise InvalidInputError(f"rows must be a list of report rows (got {brief(rows)}).")
    data = [_row(r) for r in rows]
    if columns is None:
        names = list(dict.fromkeys(k for row in data for k in row))
    elif isinstance(columns, str) or not all(isinstance(c, str) for c in columns):
        raise InvalidInputError(f"columns must be a list of column names (got {brief(columns)}).")
    else:
        names = list(columns)
    return column_labels(_frame(data, names), locale)
