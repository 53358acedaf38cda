"""adservice: an advertising agency's client service by the book, in real working days.

The public surface of the library; every name is re-exported from the module
that defines it.

    >>> from datetime import date
    >>> import adservice
    >>> adservice.WorkCalendar("CN").add_working_days(date(2025, 9, 29), 3)
    datetime.date(2025, 10, 10)
"""

from importlib.metadata import PackageNotFoundError, version

from adservice import errors
from adservice.calendar import ROLLS, DayInfo, DayKind, Explanation, ExplanationStep, WorkCalendar
from adservice.errors import AdServiceError

try:
    __version__ = version("adservice")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "ROLLS",
    "AdServiceError",
    "DayInfo",
    "DayKind",
    "Explanation",
    "ExplanationStep",
    "WorkCalendar",
    "__version__",
    "errors",
]
