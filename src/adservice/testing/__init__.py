"""A testing kit for an agency's own deadline rules: assertions, pytest fixtures, Hypothesis strategies.

- Assertions that explain themselves (:func:`assert_working_days_after`,
  :func:`assert_deadline`, :func:`assert_working_day`,
  :func:`assert_not_working_day`): a failure shows the expected and the actual
  date with the calendar's day-by-day explanation of both.
- A pytest plugin, registered when adservice is installed, with the fixtures
  ``adservice_calendar`` (the CN calendar, ``confirmed_through`` pinned) and
  ``adservice_rulebook`` (the standard rulebook); see ``adservice.testing.plugin``.
- Hypothesis strategies in ``adservice.testing.strategies`` (import it
  explicitly; it needs ``hypothesis``): days inside a calendar's horizon,
  calendars with random closures, rulebooks with your own items, engagements
  at any stage and their event logs.

    >>> from datetime import date
    >>> from adservice.testing import assert_working_day
    >>> assert_working_day(date(2025, 10, 11))   # a make-up Saturday after National Day
"""

from __future__ import annotations

from adservice.testing.plugin import (
    CONFIRMED_THROUGH,
    assert_deadline,
    assert_not_working_day,
    assert_working_day,
    assert_working_days_after,
)

__all__ = [
    "CONFIRMED_THROUGH",
    "assert_deadline",
    "assert_not_working_day",
    "assert_working_day",
    "assert_working_days_after",
]
