"""Client tiers (H5: A/B/C/D), assigned from the client's scores on the evaluation criteria,
as data an agency can reweigh.

    >>> assign_tier({"business_importance": 90, "market_influence": 85,
    ...              "payment_timeliness": 80, "satisfaction": 75}).tier
    'A'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from adservice._display import show
from adservice.errors import InvalidInputError, RulebookError, UnknownItemError, brief

__all__ = [
    "CLIENT_TIERS",
    "TIER_CRITERIA",
    "ClientTier",
    "TierAssessment",
    "TierCriterion",
    "TierPolicy",
    "TierReport",
    "TierRow",
    "assign_tier",
    "tier_report",
]

# -- client tiers (H5) -----------------------------------------------------------------------


@attrs.frozen
class TierCriterion:
    """One evaluation criterion of clients (H5 客户评估), scored 0–100, with its weight in the total."""

    key: str
    name: str
    name_zh: str
    weight: float
    description: str


@attrs.frozen
class ClientTier:
    """A client tier (H5 客户分类): who belongs in it, how the agency treats it, its lowest score.

    >>> tier = TierPolicy.standard().tiers[0]
    >>> tier.code, tier.name, tier.name_zh, tier.min_score
    ('A', 'core client', '核心客户', 80.0)
    """

    code: str
    name: str
    name_zh: str
    description: str
    treatment: str
    min_score: float


#: The evaluation criteria of H5 (业务重要性、市场影响、付款及时性、客户满意度). The handbook
#: names them without weights; the standard weighs them equally.
TIER_CRITERIA: tuple[TierCriterion, ...] = (
    TierCriterion(
        "business_importance",
        "business importance",
        "业务重要性",
        0.25,
        "how much the client's business matters to the agency's development",
    ),
    TierCriterion(
        "market_influence",
        "market influence",
        "市场影响",
        0.25,
        "the client's standing and influence in its market",
    ),
    TierCriterion(
        "payment_timeliness", "payment timeliness", "付款及时性", 0.25, "whether the client pays on time"
    ),
    TierCriterion("satisfaction", "client satisfaction", "客户满意度", 0.25, "how satisfied the client is"),
)

#: The four tiers of H5, best first. The handbook gives no score bounds; the standard uses 80/60/40.
CLIENT_TIERS: tuple[ClientTier, ...] = (
    ClientTier(
        "A",
        "core client",
        "核心客户",
        "a core client with an important influence on the agency's business development",
        "priority attention (优先关注)",
        80.0,
    ),
    ClientTier(
        "B",
        "growth client",
        "潜力客户",
        "a client with large potential and good development prospects",
        "actively maintain and develop (积极维护和发展)",
        60.0,
    ),
    ClientTier(
        "C",
        "regular client",
        "普通客户",
        "a regular client with some business contribution",
        "keep the relationship stable (保持稳定的客户关系)",
        40.0,
    ),
    ClientTier(
        "D",
        "low-contribution client",
        "低贡献客户",
        "a client with a low business contribution",
        "fine-grained management to raise the client's value (精细管理提高客户价值)",
        0.0,
    ),
)


def _criteria(value: Iterable[TierCriterion]) -> tuple[TierCriterion, ...]:
    out = tuple(value) if isinstance(value, Iterable) else ()
    if not all(isinstance(c, TierCriterion) for c in out):
        raise InvalidInputError(f"criteria must be TierCriterion values (got {brief(value)}).")
    return out


def _tiers(value: Iterable[ClientTier]) -> tuple[ClientTier, ...]:
    out = tuple(value) if isinstance(value, Iterable) else ()
    if not all(isinstance(t, ClientTier) for t in out):
        raise InvalidInputError(f"tiers must be ClientTier values (got {brief(value)}).")
    return out


def _check_policy(criteria: Sequence[TierCriterion], tiers: Sequence[ClientTier]) -> None:
    if not criteria or not tiers:
        raise RulebookError("a tier policy needs at least one criterion and one tier.")
    keys = [c.key for c in criteria]
    if len(set(keys)) != len(keys):
        raise RulebookError(f"tier criteria must have distinct keys (got {keys}).")
    for c in criteria:
        if not isinstance(c.weight, (int, float)) or isinstance(c.weight, bool) or not c.weight >= 0:
            raise RulebookError(f"criterion {brief(c.key)} needs a weight >= 0 (got {brief(c.weight)}).")
        if not math.isfinite(c.weight):
            raise RulebookError(f"criterion {brief(c.key)} needs a finite weight (got {brief(c.weight)}).")
    if sum(c.weight for c in criteria) <= 0:
        raise RulebookError("tier criteria weights must not all be 0.")
    bounds = [t.min_score for t in tiers]
    for t in tiers:
        if isinstance(t.min_score, bool) or not isinstance(t.min_score, (int, float)):
            raise RulebookError(
                f"tier {brief(t.code)} needs a numeric lowest score (got {brief(t.min_score)})."
            )
    codes = [t.code for t in tiers]
    if len(set(codes)) != len(codes):
        raise RulebookError(f"tiers must have distinct codes (got {codes}).")
    if any(not 0 <= b <= 100 for b in bounds) or bounds != sorted(bounds, reverse=True) or bounds[-1] != 0:
        msg = (
            f"tier bounds must fall from best to worst within 0–100 and the last must be 0, "
            f"so every score has a tier (got {dict(zip(codes, bounds, strict=True))})."
        )
        raise RulebookError(msg)


@attrs.frozen
class TierPolicy:
    """How clients are tiered: the criteria with their weights, and the tiers with their lowest scores.

    The weighted score is ``sum(weight · score) / sum(weights)``, 0–100; a client
    belongs to the first tier (best first) whose ``min_score`` it reaches.

    Raises:
        RulebookError: duplicate keys or codes, negative weights, bounds not falling to 0.

    >>> policy = TierPolicy.standard()
    >>> [(c.key, c.weight) for c in policy.criteria][0], [t.code for t in policy.tiers]
    (('business_importance', 0.25), ['A', 'B', 'C', 'D'])
    """

    criteria: tuple[TierCriterion, ...] = attrs.field(default=TIER_CRITERIA, converter=_criteria)
    tiers: tuple[ClientTier, ...] = attrs.field(default=CLIENT_TIERS, converter=_tiers)

    def __attrs_post_init__(self) -> None:
        _check_policy(self.criteria, self.tiers)

    @classmethod
    def standard(cls) -> TierPolicy:
        """H5's criteria weighed equally, tiers at 80/60/40/0."""
        return cls()

    def with_weights(self, **weights: float) -> TierPolicy:
        """Reweigh some criteria, e.g. ``with_weights(business_importance=0.4)``.

        Raises:
            UnknownItemError: a key that is not a criterion, naming the valid keys.
        """
        known = {c.key for c in self.criteria}
        for key in weights:
            if key not in known:
                raise UnknownItemError(
                    f"unknown tier criterion {brief(key)}; criteria: {', '.join(sorted(known))}."
                )
        criteria = tuple(attrs.evolve(c, weight=weights.get(c.key, c.weight)) for c in self.criteria)
        return attrs.evolve(self, criteria=criteria)

    def with_bounds(self, **bounds: float) -> TierPolicy:
        """Move some tiers' lowest scores, e.g. ``with_bounds(A=85, B=65)``.

        Raises:
            UnknownItemError: a code that is not a tier, naming the valid codes.
        """
        known = {t.code for t in self.tiers}
        for code in bounds:
            if code not in known:
                raise UnknownItemError(f"unknown tier {brief(code)}; tiers: {', '.join(sorted(known))}.")
        tiers = tuple(attrs.evolve(t, min_score=bounds.get(t.code, t.min_score)) for t in self.tiers)
        return attrs.evolve(self, tiers=tiers)


@attrs.frozen
class TierAssessment:
    """A client's tier with the score behind it and each criterion's weighted contribution.

    >>> a = assign_tier({"business_importance": 50, "market_influence": 70,
    ...                  "payment_timeliness": 60, "satisfaction": 64})
    >>> a.tier, a.score, a.contributions["satisfaction"], a.info.name
    ('B', 61.0, 16.0, 'growth client')
    """

    tier: str
    score: float
    contributions: Mapping[str, float] = attrs.field(hash=False)
    info: ClientTier

    def describe(self) -> str:
        """One line: ``'A (core client) 82.5: priority attention (优先关注)'``."""
        return f"{self.tier} ({self.info.name}) {self.score:.1f}: {self.info.treatment}"


def assign_tier(metrics: Mapping[str, float], *, policy: TierPolicy | None = None) -> TierAssessment:
    """The tier (A/B/C/D) of a client from its scores (0–100) on every criterion of ``policy``.

    Args:
        metrics: ``{criterion key: score 0–100}`` for every criterion, no others.
        policy: criteria, weights and tiers (default :meth:`TierPolicy.standard`).

    Raises:
        InvalidInputError: not a mapping; a score missing, not a number, or outside 0–100.
        UnknownItemError: a key that is not a criterion, naming the valid keys.

    >>> assign_tier({"business_importance": 50, "market_influence": 70,
    ...              "payment_timeliness": 60, "satisfaction": 64}).describe()
    'B (growth client) 61.0: actively maintain and develop (积极维护和发展)'
    """
    chosen = TierPolicy.standard() if policy is None else policy
    if not isinstance(chosen, TierPolicy):
        raise InvalidInputError(f"policy must be a TierPolicy or None (got {brief(policy)}).")
    if not isinstance(metrics, Mapping):
        raise InvalidInputError(f"metrics must be a mapping of criterion to score (got {brief(metrics)}).")
    keys = [c.key for c in chosen.criteria]
    for key in metrics:
        if key not in keys:
            raise UnknownItemError(f"unknown tier criterion {brief(key)}; criteria: {', '.join(keys)}.")
    total = sum(c.weight for c in chosen.criteria)
    contributions: dict[str, float] = {}
    for c in chosen.criteria:
        if c.key not in metrics:
            raise InvalidInputError(
                f"metrics lack a score for {brief(c.key)} ({c.name_zh}); every criterion: {keys}."
            )
        value = metrics[c.key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            raise InvalidInputError(f"{c.key} must be a score from 0 to 100 (got {brief(value)}).")
        contributions[c.key] = c.weight * float(value) / total
    score = round(sum(contributions.values()), 6)
    tier = next(t for t in chosen.tiers if score >= t.min_score)
    return TierAssessment(tier.code, score, contributions, tier)


@attrs.frozen
class TierRow:
    """One client in the tier view."""

    client: str
    tier: str
    score: float
    treatment: str


@attrs.frozen
class TierReport:
    """The client-tier view (H5): each client's tier, best first, and how many clients each tier has.

    >>> view = tier_report({"Huaxia": dict.fromkeys(("business_importance", "market_influence",
    ...                                              "payment_timeliness", "satisfaction"), 90)})
    >>> view.rows[0].client, view.rows[0].tier, view.counts["A"]
    ('Huaxia', 'A', 1)
    """

    rows: tuple[TierRow, ...]
    counts: Mapping[str, int] = attrs.field(hash=False)

    def _repr_html_(self) -> str:
        return show("html", self)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data."""
        return {"rows": [attrs.asdict(r) for r in self.rows], "counts": dict(self.counts)}


def tier_report(
    clients: Mapping[str, Mapping[str, float]], *, policy: TierPolicy | None = None
) -> TierReport:
    """Tier every client: ``{client: {criterion: score}}`` → rows sorted by tier, then score (highest first).

    Raises:
        InvalidInputError, UnknownItemError: as :func:`assign_tier`, for any client.

    >>> view = tier_report({"Huaxia": dict.fromkeys(("business_importance", "market_influence",
    ...                                              "payment_timeliness", "satisfaction"), 90)})
    >>> view.rows[0].tier, dict(view.counts)
    ('A', {'A': 1, 'B': 0, 'C': 0, 'D': 0})
    """
    chosen = TierPolicy.standard() if policy is None else policy
    if not isinstance(clients, Mapping):
        raise InvalidInputError(
            f"clients must be a mapping of client name to metrics (got {brief(clients)})."
        )
    order = {t.code: i for i, t in enumerate(chosen.tiers)} if isinstance(chosen, TierPolicy) else {}
    rows: list[TierRow] = []
    for client, metrics in clients.items():
        if not isinstance(client, str):
            raise InvalidInputError(f"client names must be strings (got {brief(client)}).")
        result = assign_tier(metrics, policy=chosen)
        rows.append(TierRow(client, result.tier, result.score, result.info.treatment))
    rows.sort(key=lambda r: (order[r.tier], -r.score, r.client))
    counts = {t.code: 0 for t in chosen.tiers}
    for r in rows:
        counts[r.tier] += 1
    return TierReport(tuple(rows), counts)
