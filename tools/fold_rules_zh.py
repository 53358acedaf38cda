"""Fold rules' Chinese titles and texts from Markdown tables into src/adservice/rulebook/_zh.py.

    python tools/fold_rules_zh.py NOTES.md [NOTES.md ...]

Each file holds a table ``| id | zh_CN title | zh_CN text | zh_TW title | zh_TW text |`` (the
form helpers hand new rules over in). Rows replace the entries of the same id; the module is
rewritten in rule-id order of the standard rulebook, new ids after.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "src" / "adservice" / "rulebook" / "_zh.py"
# The handbooks write 布署 (書面工作布署單); a converter's 佈署 is not their word.
FIXES = {"佈署": "布署"}


def _fix(text: str) -> str:
    for wrong, right in FIXES.items():
        text = text.replace(wrong, right)
    return text


def rows(path: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """The table rows of one notes file, by rule id."""
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or cells[0] in ("id", "") or set(cells[0]) <= set("-:"):
            continue
        rid, cn_title, cn_text, tw_title, tw_text = cells
        out[rid] = {"zh_CN": (cn_title, cn_text), "zh_TW": (_fix(tw_title), _fix(tw_text))}
    return out


def render(rules: dict[str, dict[str, tuple[str, str]]], items: str) -> str:
    """The module's text."""
    lines = [
        "# ruff: noqa: E501",
        '"""The standard rules in Chinese, keyed by rule id: title and text in zh_CN and zh_TW.',
        "",
        "Words from the handbooks (H1–H5, written in traditional characters); the simplified and",
        "traditional texts say the same. ``tests/test_i18n.py`` fails when a standard rule has none.",
        "Rewritten by ``tools/fold_rules_zh.py`` from the tables helpers hand new rules over in.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import Mapping",
        "",
        '__all__ = ["ITEMS_ZH", "RULES_ZH"]',
        "",
        "#: rule id -> {locale: (title, text)}.",
        "RULES_ZH: Mapping[str, Mapping[str, tuple[str, str]]] = {",
    ]
    for rid, by_locale in rules.items():
        lines.append(f"    {rid!r}: {{".replace("'", '"'))
        for locale in ("zh_CN", "zh_TW"):
            title, text = by_locale[locale]
            lines.append(f'        "{locale}": ("{title}", "{text}"),')
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n" + items


def main(paths: list[str]) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from adservice.rulebook._zh import RULES_ZH  # noqa: PLC0415 - after the path is set
    from adservice.rulebook.standard import STANDARD_RULES  # noqa: PLC0415

    merged = {rid: dict(v) for rid, v in RULES_ZH.items()}
    for path in paths:
        merged.update(rows(Path(path)))
    order = [r.id for r in STANDARD_RULES]
    ranked = sorted(merged, key=lambda rid: (order.index(rid) if rid in order else len(order), rid))
    text = MODULE.read_text(encoding="utf-8")
    items = text[text.index("\n#: turnaround item key") :]
    MODULE.write_text(render({rid: merged[rid] for rid in ranked}, items), encoding="utf-8")
    print(f"wrote {MODULE.relative_to(ROOT)}: {len(merged)} rules")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
