"""Working-day arithmetic over numpy arrays, pandas ``DatetimeIndex`` and ``Series``, in one pass.

:meth:`WorkCalendar.add_working_days_many <adservice.calendar.WorkCalendar.add_working_days_many>`
sends array-like days here. numpy is imported on first use (it is not a
dependency of the core); the answers equal the scalar method's, element by element.

    >>> import numpy as np
    >>> from adservice.calendar import WorkCalendar
    >>> WorkCalendar("CN").add_working_days_many(np.array(["2025-09-26", "2025-09-29"], "datetime64[D]"), 2)
    array(['2025-09-29', '2025-10-09'], dtype='datetime64[D]')
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, MutableMapping, Sequence
from datetime import date
from types import ModuleType
from typing import Any

from adservice.calendar._checks import as_date
from adservice.errors import InvalidInputError, MissingExtraError, brief

__all__ = ["is_array_like", "many", "numpy"]

_EPOCH = date(1970, 1, 1).toordinal()  # datetime64[D] counts days from here


def is_array_like(value: object) -> bool:
    """Whether ``value`` is a numpy array or a pandas object (recognised without importing either)."""
    return type(value).__module__.split(".")[0] in ("numpy", "pandas") and hasattr(value, "__len__")


def numpy() -> ModuleType:
    """numpy, imported now.

    Raises:
        MissingExtraError: numpy is not installed.
    """
    try:
        return importlib.import_module("numpy")
    except ImportError:
        msg = "arrays of days need numpy, which is not installed; install it with: pip install numpy"
        raise MissingExtraError(msg, name="numpy") from None


def many(
    days: object,
    ns: object,
    roll: str,
    *,
    first: int,
    ranks: Sequence[int | None],
    workdays: Sequence[date],
    limits: tuple[int, int],
    cache: MutableMapping[str, Any],
    scalar: Callable[[object, object, str], date],
) -> Any:
    """``scalar(day, n, roll)`` for every element, as one numpy ``datetime64[D]`` array.

    ``limits`` are the strict calendar's last confirmed (workday rank, day offset).
    An element the calendar refuses is handed to ``scalar``, which raises the
    error the scalar method raises.
    """
    np = numpy()
    try:
        arr, nn = np.asarray(days), np.asarray(ns)
    except (TypeError, ValueError, RecursionError, OverflowError):
        raise InvalidInputError("days and ns must be arrays of days and of ints (or one int).") from None
    if arr.dtype.kind != "M":  # e.g. an object array of dates: each must be a day
        arr = np.array([as_date(x, "a day") for x in arr.ravel()], dtype="datetime64[D]").reshape(arr.shape)
    whole = arr.astype("datetime64[D]")
    flat_days = whole.ravel()
    if nn.dtype.kind not in "iu":
        raise InvalidInputError(f"ns must be integers (got dtype {nn.dtype}).")
    try:
        nn = np.broadcast_to(nn, whole.shape).ravel().astype(np.int64)
    except ValueError:
        msg = f"ns must be one int or as many as the days (got {nn.shape} for {whole.shape})."
        raise InvalidInputError(msg) from None
    table = cache.get(roll)
    if table is None:
        table = cache[roll] = np.array([-1 if k is None else k for k in ranks], dtype=np.int64)
    if "workdays" not in cache:
        cache["workdays"] = np.array([d.toordinal() - _EPOCH for d in workdays], dtype=np.int64)
    wd = cache["workdays"]
    offsets = flat_days.astype(np.int64) + (_EPOCH - first)
    bad = (whole.ravel() != arr.ravel()) | np.isnat(flat_days) | (offsets < 0) | (offsets >= len(table))
    k = table[np.where(bad, 0, offsets)]
    j = k + nn
    limit_rank, limit_day = limits
    bad |= (k < 0) | (j < 0) | (j >= len(wd)) | (j > limit_rank) | (k > limit_rank) | (offsets > limit_day)
    if bad.any():
        at = int(np.argmax(bad))
        item = arr.ravel()[at]
        scalar(item, int(nn[at]), roll)  # raises the scalar method's error for it
        raise InvalidInputError(f"day {brief(item)} cannot be moved")  # pragma: no cover - scalar raised
    return (wd[j]).astype("datetime64[D]").reshape(whole.shape)
