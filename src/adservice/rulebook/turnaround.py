"""The turnaround table (SPEC §3) and the rush policy (T8, SPEC §5) as values.

>>> STANDARD_TURNAROUND["print_single"].days
(9, 9)
>>> STANDARD_TURNAROUND["integrated_plan"].commitment(6)
6
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

import attrs

from adservice._frozen import FrozenDict
from adservice.errors import (
    DurationOutOfRangeError,
    InvalidChoiceError,
    InvalidInputError,
    RulebookError,
    brief,
)
from adservice.i18n import normalize_locale
from adservice.rulebook._zh import ITEMS_ZH
from adservice.rulebook.rules import sources

__all__ = ["STANDARD_TURNAROUND", "UNITS", "RushPolicy", "Turnaround"]

#: The units a turnaround item counts in.
UNITS: tuple[str, ...] = ("working_days", "months")


def _days(value: object) -> tuple[int, int]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = (value, value)
    if (
        not isinstance(value, (tuple, list))
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise RulebookError(f"days must be an int or a (low, high) pair of ints (got {brief(value)}).")
    low, high = value
    if not 0 < low <= high <= 10_000:
        raise RulebookError(f"days must satisfy 0 < low <= high <= 10000 (got {low}–{high}).")
    return low, high


def _chain(value: object) -> tuple[str, ...]:
    """A chain of step keys as a tuple; refuses what is not an iterable of keys (not one text)."""
    items: list[object] | None = None
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes, Mapping)):
        items = list(value)
    keys = tuple(k for k in items or () if isinstance(k, str))
    if items is None or len(keys) != len(items):
        msg = f"a turnaround's chain must be step keys such as ('copy', 'film') (got {brief(value)})."
        raise RulebookError(msg, parameter="chain", value=value, allowed="a tuple of step keys")
    return keys


@attrs.frozen
class Turnaround:
    """One item of the turnaround table: how long the agency promises to take.

    Attributes:
        key: the item's key (``"print_single"``).
        name: English name; ``name_zh``: the handbook's term.
        days: ``(low, high)`` in ``unit``; a range lets the agency commit anywhere inside it.
        unit: ``"working_days"`` or ``"months"`` (calendar months, then the next working day).
        chain: keys of the steps the item is made of, run in order (their days add up).
        open_ended: ``days`` is a minimum ("at least two weeks"); any longer commitment is allowed.
        floor: the hard floor in the same unit below which a rush is infeasible
            (default: the rush policy's fraction of ``low``).
        rule_id: the rule the item comes from (``"T4"``); ``source``: its handbooks.

    >>> from adservice import Rulebook
    >>> item = Rulebook.standard().item("print_single")
    >>> item.days, item.unit, item.rule_id, item.chain[:2]
    ((9, 9), 'working_days', 'T4', ('creative_concept', 'copy_and_layout'))
    """

    key: str
    name: str
    name_zh: str = ""
    days: tuple[int, int] = attrs.field(default=(1, 1), converter=_days)
    unit: Literal["working_days", "months"] = "working_days"
    chain: tuple[str, ...] = attrs.field(default=(), converter=_chain)
    open_ended: bool = False
    floor: int | None = None
    rule_id: str = "T*"
    source: tuple[str, ...] = attrs.field(default=("H1",), converter=sources)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.key, str) or not self.key.isidentifier():
            raise RulebookError(
                f"an item key must be an identifier such as 'outdoor_poster' (got {brief(self.key)})."
            )
        if self.unit not in UNITS:
            raise InvalidChoiceError("unit", self.unit, UNITS)
        texts = {"name": self.name, "name_zh": self.name_zh, "rule_id": self.rule_id}
        for what, value in texts.items():
            if not isinstance(value, str):
                raise RulebookError(f"item {brief(self.key)}: {what} must be text (got {brief(value)}).")
        if not isinstance(self.open_ended, bool):
            raise RulebookError(
                f"item {brief(self.key)}: open_ended must be True or False (got {brief(self.open_ended)})."
            )
        if self.floor is not None and (isinstance(self.floor, bool) or not isinstance(self.floor, int)):
            raise RulebookError(
                f"item {brief(self.key)}: floor must be an int or None (got {brief(self.floor)})."
            )
        if self.floor is not None and not 0 < self.floor <= self.days[0]:
            raise RulebookError(
                f"item {brief(self.key)}: floor must be between 1 and the low bound "
                f"{self.days[0]} (got {self.floor})."
            )

    def name_in(self, locale: str = "en") -> str:
        """The item's name in ``locale``: English :attr:`name`, or the handbook's term.

        Simplified Chinese is :attr:`name_zh` when given; a standard item also has its
        traditional form (H1's table). An item with no Chinese shows its English name.

        >>> STANDARD_TURNAROUND["colour_proof"].name_in("zh_CN")
        '分色打样'
        >>> STANDARD_TURNAROUND["colour_proof"].name_in("zh_TW")
        '分色打樣'

        Raises:
            UnknownLocaleError: a locale adservice does not render in.
        """
        loc = normalize_locale(locale)
        if loc == "en":
            return self.name
        standard = ITEMS_ZH.get(self.key, {})
        if loc == "zh_CN":
            return self.name_zh or standard.get(loc) or self.name
        if self.name_zh and self.name_zh != standard.get("zh_CN"):
            return self.name_zh  # the agency's own term: shown as given
        return standard.get(loc) or self.name_zh or self.name

    def commitment(self, value: int | None = None) -> int:
        """The committed duration: the upper bound by default, or ``value`` if it lies inside the range.

        Raises:
            DurationOutOfRangeError: ``value`` outside ``days`` (above it is fine if open-ended).

        >>> STANDARD_TURNAROUND["integrated_plan"].commitment()
        8
        >>> STANDARD_TURNAROUND["integrated_plan"].commitment(6)
        6
        """
        low, high = self.days
        if value is None:
            return high
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError(
                f"a commitment must be an int number of {self.unit} (got {brief(value)})."
            )
        if value < low or (value > high and not self.open_ended):
            allowed = f"at least {low}" if self.open_ended else f"{low}–{high}"
            msg = (
                f"{value} {self.unit.replace('_', ' ')} is outside "
                f"item {brief(self.key)}'s range ({allowed}, "
                f"rule {self.rule_id}); choose a value inside it or override the item in the rulebook."
            )
            raise DurationOutOfRangeError(msg)
        return value


@attrs.frozen
class RushPolicy:
    """How rush requests (加急) are judged (T8; SPEC §5).

    Attributes:
        habitual_count: this many rush requests from one client ...
        window_days: ... within this many calendar days make the client's rushing "habitual".
        warn_fraction: compressing by more than this fraction of the standard warns.
        floor_fraction: default hard floor as a fraction of an item's low bound (rounded up).

    >>> from adservice import Rulebook
    >>> policy = Rulebook.standard().rush
    >>> policy.habitual_count, policy.window_days, policy.warn_fraction, policy.floor_fraction
    (3, 90, 0.25, 0.5)
    """

    habitual_count: int = 3
    window_days: int = 90
    warn_fraction: float = 0.25
    floor_fraction: float = 0.5

    def __attrs_post_init__(self) -> None:
        for name, allowed in _RUSH_ALLOWED.items():
            value = getattr(self, name)
            number = not isinstance(value, bool) and isinstance(
                value, (int, float) if "number" in allowed else int
            )
            if not number or not _RUSH_INSIDE[name](value):
                msg = (
                    f"rule T8's rush policy {name} must be {allowed} (got {brief(value)}); "
                    f"fix it with RushPolicy({name}=...)."
                )
                raise RulebookError(msg, rule_id="T8", parameter=name, value=value, allowed=allowed)


#: What each number of a :class:`RushPolicy` may be, in words (error messages quote it) and as a test.
_RUSH_ALLOWED: Mapping[str, str] = {
    "habitual_count": "an int >= 1",
    "window_days": "an int number of calendar days >= 1",
    "warn_fraction": "a number 0 <= warn_fraction <= 1",
    "floor_fraction": "a number 0 < floor_fraction <= 1",
}
_RUSH_INSIDE: Mapping[str, Callable[[Any], bool]] = {
    "habitual_count": lambda v: v >= 1,
    "window_days": lambda v: v >= 1,
    "warn_fraction": lambda v: 0 <= v <= 1,
    "floor_fraction": lambda v: 0 < v <= 1,
}


def _item(key: str, name: str, zh: str, days: int | tuple[int, int], rule: str, **kw: Any) -> Turnaround:
    return Turnaround(key, name, zh, days=days, rule_id=rule, **kw)


#: The standard turnaround table of H1 (and H2 for TV production and major media planning).
_STANDARD_TURNAROUND: Mapping[str, Turnaround] = {
    t.key: t
    for t in (
        _item("integrated_plan", "plan and integrated media proposal", "计划及媒体整合方案", (5, 8), "T1"),
        _item("phase_plan", "phase plan", "阶段性计划", 4, "T2"),
        _item("media_schedule", "media schedule plan", "媒体排期计划", 3, "T3"),
        _item(
            "print_single",
            "print design and film, one piece",
            "平面设计与出片制作（单款）",
            9,
            "T4",
            chain=("creative_concept", "copy_and_layout", "final_art", "colour_proof", "film"),
        ),
        _item("creative_concept", "creative concept", "创意概念", 2, "T4"),
        _item("copy_and_layout", "copy and layout draft", "文案+平面设计稿", 3, "T4"),
        _item("final_art", "final art", "完稿", 2, "T4"),
        _item("colour_proof", "colour proof", "分色打样", 1, "T4"),
        _item("film", "film", "软片", 1, "T4"),
        _item("broadcast_creative", "radio and TV commercial creative", "广播及TVC创意", (3, 8), "T5"),
        _item(
            "tvc_production",
            "TV commercial production, script to finished film",
            "电视广告制作（脚本到成片）",
            1,
            "T6",
            unit="months",
            source=("H2",),
        ),
        # -- issue 11 §5 (workflows): the TV commercial, script to finished film, as a chain (T6, H2) --
        _item(
            "tvc_film",
            "TV commercial, script to film, step by step",
            "电视广告片（脚本到完成）",
            20,
            "T6",
            chain=(
                "tvc_script",
                "tvc_storyboard",
                "tvc_pre_production",
                "tvc_shoot",
                "tvc_offline",
                "tvc_online",
            ),
            source=("H2",),
        ),
        _item("tvc_script", "TV script", "电视脚本", 3, "T6", source=("H2",)),
        _item("tvc_storyboard", "storyboard", "故事板", 3, "T6", source=("H2",)),
        _item(
            "tvc_pre_production",
            "pre-production: cast, locations, music, PPM",
            "制作前准备（PPM）",
            5,
            "T6",
            source=("H2",),
        ),
        _item("tvc_shoot", "shoot", "拍摄", 2, "T6", source=("H2",)),
        _item("tvc_offline", "offline edit", "粗剪", 4, "T6", source=("H2",)),
        _item("tvc_online", "online edit, finished film", "精剪成片", 3, "T6", source=("H2",)),
        _item(
            "major_media_plan",
            "major media planning",
            "大型媒体计划",
            10,
            "T7",
            open_ended=True,
            source=("H2",),
        ),
    )
}
STANDARD_TURNAROUND: Mapping[str, Turnaround] = FrozenDict(_STANDARD_TURNAROUND)  # read-only
