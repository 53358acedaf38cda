"""A handbook rule as a value: id, kind, text, the handbooks it comes from, its parameters.

>>> r = Rule("X1", "obligation", "Weekly call", "Call the client every week.", ("H3",))
>>> r.source, r.enabled
(('H3',), True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from adservice._frozen import FrozenDict
from adservice._json import MAX_JSON_DEPTH, check_json
from adservice.errors import InvalidInputError, RulebookError, brief
from adservice.i18n import normalize_locale
from adservice.rulebook._zh import RULES_ZH

__all__ = ["HANDBOOKS", "RULE_KINDS", "Rule", "RuleKind", "sources"]

RuleKind = Literal["turnaround", "rush", "gate", "obligation", "issue"]
#: The kinds a rule may have.
RULE_KINDS: tuple[str, ...] = ("turnaround", "rush", "gate", "obligation", "issue")

#: The five handbooks, by the ids rules cite.
_HANDBOOKS: Mapping[str, str] = {
    "H1": "000_9a3c5a85259fa873.txt — client service handbook (2002), standard turnaround table",
    "H2": "001_7a07be0cc0d74e5e.txt — AE execution handbook",
    "H3": "002_bdb49bdac41a5fc9.txt — account department workflow, AE principles, numbering, complaints",
    "H4": "003_694d6e8d9b376aa4.txt — building account service expertise: briefs, media, creative, reports",
    "H5": "004_fd1ac6ab8a4f4284.txt — client issue management, client tiers",
}
HANDBOOKS: Mapping[str, str] = FrozenDict(_HANDBOOKS)  # read-only


def sources(value: Iterable[str]) -> tuple[str, ...]:
    """The handbook ids a rule cites, as a tuple; refuses unknown or missing ones.

    >>> sources("H1"), sources(["H1", "H2"])
    (('H1',), ('H1', 'H2'))

    Raises:
        RulebookError: not one id or an iterable of ids, an id not in :data:`HANDBOOKS`, or none at all.
    """
    if isinstance(value, str):
        value = (value,)
    try:
        out = tuple(value)
    except TypeError:  # not iterable
        out = ()
    bad = [s for s in out if not isinstance(s, str) or s not in HANDBOOKS]
    if bad or not out:
        raise RulebookError(
            f"a rule's source must name handbooks among {sorted(HANDBOOKS)} (got {brief(out)}).",
            parameter="source",
            value=out,
            allowed=tuple(HANDBOOKS),
        )
    return out


@attrs.frozen
class Rule:
    """A handbook rule: its id, what it says, where it says it, and its parameters.

    ``params`` holds the numbers an agency may override (hours, weekdays,
    windows), as plain JSON-compatible data; the module that applies the rule
    (lifecycle, obligations) reads them through :meth:`Rulebook.param
    <adservice.rulebook.Rulebook.param>`. The keys and values each standard
    rule id accepts are declared in :mod:`adservice.rulebook.params` and
    checked whenever a rulebook is built.

    >>> from adservice import Rulebook
    >>> rule = Rulebook.standard().rule("O7")
    >>> rule.id, rule.kind, rule.title, rule.source, dict(rule.params)
    ('O7', 'obligation', 'Approved fee list', ('H1',), {'before': 'placement', 'days': 6})
    """

    id: str
    kind: RuleKind
    title: str
    text: str
    source: tuple[str, ...] = attrs.field(converter=sources)
    params: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    enabled: bool = True

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.isidentifier():
            raise RulebookError(f"a rule id must be a name such as 'G4' or 'X1' (got {brief(self.id)}).")
        for what in ("title", "text"):
            if not isinstance(getattr(self, what), str):
                raise RulebookError(
                    f"rule {self.id}'s {what} must be text (got {brief(getattr(self, what))})."
                )
        if not isinstance(self.params, Mapping):
            msg = f"rule {self.id}'s params must be a mapping of name to value (got {brief(self.params)})."
            raise RulebookError(msg, rule_id=self.id, value=self.params, allowed="a mapping")
        plain: dict[str, Any] = {}
        for key, value in self.params.items():
            try:
                plain[check_json(key, "a parameter name")] = check_json(
                    value, f"rule {self.id}'s {brief(key)}"
                )
            except (InvalidInputError, RecursionError) as error:
                allowed = f"JSON-compatible data nested at most {MAX_JSON_DEPTH} deep: {error}"
                msg = f"rule {self.id}'s parameter {brief(key)} must be {allowed}"
                raise RulebookError(
                    msg,
                    rule_id=self.id,
                    parameter=key if isinstance(key, str) else brief(key),
                    value=value,
                    allowed=allowed,
                ) from None
            if not isinstance(key, str):
                msg = f"rule {self.id}'s parameter names must be text (got {brief(key)})."
                raise RulebookError(
                    msg,
                    rule_id=self.id,
                    parameter=key if isinstance(key, str) else brief(key),
                    value=value,
                    allowed="text",
                )
        # Frozen: the checked copy replaces what was given, so later changes to the caller's dict do nothing,
        # and the copy is read-only (a rulebook is a value: the standard one is shared by every engagement).
        object.__setattr__(self, "params", FrozenDict(plain))

    def title_in(self, locale: str = "en") -> str:
        """The rule's title in ``locale`` (``en``, ``zh_CN``, ``zh_TW``; ``zh_HK`` reads ``zh_TW``).

        A standard rule carries its Chinese from the handbooks; a rule of the agency's own
        (an id the standard rulebook lacks) shows its English title.

        >>> r = Rule("O3", "obligation", "Contact report", "...", ("H3",))
        >>> r.title_in("zh_CN"), r.title_in("zh_HK")
        ('联络报告', '聯絡報告')

        Raises:
            UnknownLocaleError: a locale adservice does not render in.
        """
        loc = normalize_locale(locale)
        found = RULES_ZH.get(self.id, {}).get(loc)
        return found[0] if found else self.title

    def text_in(self, locale: str = "en") -> str:
        """The rule's text in ``locale``, like :meth:`title_in`.

        >>> Rule("O8", "obligation", "Monthly market report", "...", ("H3",)).text_in("zh_CN")
        '每月最后一个工作日提交市场月报。'

        Raises:
            UnknownLocaleError: a locale adservice does not render in.
        """
        loc = normalize_locale(locale)
        found = RULES_ZH.get(self.id, {}).get(loc)
        return found[1] if found else self.text
