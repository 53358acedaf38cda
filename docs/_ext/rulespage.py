"""Write docs/reference/rules.md from the standard rulebook.

The rule reference is generated, never edited by hand: every rule of
``Rulebook.standard()`` with its id, title, text, handbook sources (with the
handbook's file) and overridable parameters, and the turnaround items.
``tests/test_docs.py`` fails when the page in the repository differs from what
this prints, so a change to the rulebook comes with its page. Regenerate with::

    python docs/_ext/rulespage.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from adservice.rulebook import HANDBOOKS, Rule, Rulebook, Turnaround
from adservice.rulebook.params import SCHEMAS

PAGE = Path(__file__).resolve().parent.parent / "reference" / "rules.md"

_SECTIONS = (
    (
        ("turnaround", "rush"),
        "Turnaround and rush",
        "Working days after the client's written work order (书面工作布署单), from the standard "
        "turnaround table; T8 is how rush requests (加急) are judged. The items these rules time are "
        "listed [below](#turnaround-items).",
    ),
    (
        ("gate",),
        "Gates",
        "What must hold before an engagement moves on. A refused stage change raises "
        "[`GateNotMet`][adservice.errors.GateNotMet] naming each missing requirement by these ids.",
    ),
    (
        ("obligation",),
        "Obligations",
        "Recurring and event-driven duties: reports, reviews, meetings, the fee list.",
    ),
    (
        ("issue",),
        "Client issues",
        "How client inquiries, complaints and suggestions are handled "
        "(see [client issues](../howto/client-issues.md)).",
    ),
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _source(ids: tuple[str, ...]) -> str:
    return "<br>".join(f"{h} `{HANDBOOKS[h].split(' — ', 1)[0]}`" for h in ids)


def _params(rule: Rule) -> str:
    schema = SCHEMAS.get(rule.id, {})
    out = []
    for k, v in rule.params.items():
        allowed = f" ({_cell(schema[k].allowed)})" if k in schema else ""
        out.append(f"`{k}={json.dumps(v, ensure_ascii=False)}`{allowed}")
    return ", ".join(out)


def _days(item: Turnaround) -> str:
    low, high = item.days
    unit = "working days" if item.unit == "working_days" else "months"
    if item.open_ended:
        return f"at least {low} {unit}"
    amount = f"{low}" if low == high else f"{low}–{high}"
    if amount == "1":
        unit = unit[:-1]
    return f"{amount} {unit}"


def _span(rules: list[Rule]) -> str:
    return rules[0].id if len(rules) == 1 else f"{rules[0].id}–{rules[-1].id}"


def generate(book: Rulebook | None = None) -> str:
    """The rule reference page as Markdown."""
    book = book or Rulebook.standard()
    lines = [
        "# Rule reference",
        "",
        "<!-- Generated from Rulebook.standard() by docs/_ext/rulespage.py; do not edit by hand.",
        "     tests/test_docs.py fails when this page and the rulebook disagree. -->",
        "",
        "Every duration, gate and duty in adservice is a rule of the rulebook, and every rule",
        "names the handbook it comes from. This page lists the standard rulebook",
        "([`Rulebook.standard()`][adservice.rulebook.book.Rulebook.standard]) as the library holds it:",
        "each rule's id, title and text, its sources, and the parameters an agency may override",
        "([`with_params`][adservice.rulebook.book.Rulebook.with_params]; disable a rule with",
        "[`without`][adservice.rulebook.book.Rulebook.without]). The [glossary](../glossary.md) maps the",
        "English names to the handbooks' Chinese terms. Each parameter shows what is allowed;",
        "a rulebook whose parameters fall outside that is refused with",
        "[`RulebookError`][adservice.errors.RulebookError] whenever it is built, and consumers read",
        "them with [`param`][adservice.rulebook.book.Rulebook.param]. Rules L1–L14 are the gates the",
        "lifecycle enforces whose text G1–G10 and O1–O13 do not say; each cites where its handbook",
        "says it.",
        "",
        "## Handbooks",
        "",
        "The five client-service handbooks (Chinese), in `shared/seeds/`:",
        "",
        "| id | file | what it covers |",
        "|---|---|---|",
    ]
    for hid, text in HANDBOOKS.items():
        file, _, what = text.partition(" — ")
        lines.append(f"| {hid} | `{file}` | {_cell(what)} |")
    for kinds, title, intro in _SECTIONS:
        rules = [r for r in book.rules.values() if r.kind in kinds]
        if not rules:
            continue
        lines += ["", f"## {title} ({_span(rules)})", "", intro, ""]
        lines += ["| id | rule | source |", "|---|---|---|"]
        for r in rules:
            rule = f"**{_cell(r.title)}**{'' if r.enabled else ' (disabled)'}: {_cell(r.text)}"
            if r.params:
                rule += f"<br>parameters: {_params(r)}"
            lines.append(f"| {r.id} | {rule} | {_source(r.source)} |")
    lines += [
        "",
        "## Turnaround items",
        "",
        "The standard turnaround table (`STANDARD_TURNAROUND`). A range lets the agency commit",
        "anywhere inside it (default: the upper bound); a chain's steps run in order.",
        "",
        "| key | item | handbook term | duration | chain | rule | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for item in book.items.values():
        chain = " → ".join(f"`{step}`" for step in item.chain) or "—"
        lines.append(
            f"| `{item.key}` | {_cell(item.name)} | {_cell(item.name_zh) or '—'} | {_days(item)} | "
            f"{chain} | {item.rule_id} | {_source(item.source)} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    PAGE.write_text(generate(), encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE}\n")
