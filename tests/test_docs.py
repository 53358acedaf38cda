"""The documentation's generated parts stay true: rule reference, notebook snapshot, vendored Mermaid."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

from adservice import HANDBOOKS, Rulebook

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXT = DOCS / "_ext"


def _load(name: str) -> ModuleType:
    """A helper module of the docs build (docs/_ext is not a package)."""
    spec = importlib.util.spec_from_file_location(f"_docs_ext_{name}", EXT / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the rule reference ---------------------------------------------------------------------------


def test_glossary_lists_every_rule_in_chinese() -> None:
    path = Path(__file__).resolve().parent.parent / "docs" / "glossary.md"
    text = path.read_text(encoding="utf-8")
    assert text == _load("rulespage").glossary(text), (
        "docs/glossary.md's rules table differs from the rulebook: run python docs/_ext/rulespage.py"
    )
    assert "| O4 | Weekly progress list | 工作周报表 | 工作週報表 |" in text


def test_rule_reference_is_generated_from_the_standard_rulebook() -> None:
    page = (DOCS / "reference" / "rules.md").read_text(encoding="utf-8")
    assert page == _load("rulespage").generate(), (
        "docs/reference/rules.md differs from the standard rulebook: run python docs/_ext/rulespage.py"
    )


def test_rule_reference_lists_every_rule_with_text_and_handbook_file() -> None:
    page = (DOCS / "reference" / "rules.md").read_text(encoding="utf-8")
    rows = {
        line.split(" | ")[0].removeprefix("| "): line for line in page.splitlines() if line.startswith("| ")
    }
    book = Rulebook.standard()
    for rule in book.rules.values():
        row = rows[rule.id]
        assert rule.title in row and rule.text in row, rule.id
        for handbook in rule.source:
            assert f"{handbook} `{HANDBOOKS[handbook].split(' — ')[0]}`" in row, (rule.id, handbook)
    for key in book.items:
        assert f"| `{key}` |" in page


# -- the notebook --------------------------------------------------------------------------------


NOTEBOOK = DOCS / "notebooks" / "quickstart.ipynb"


def test_notebook_is_saved_executed_without_errors() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] for c in code), "run python docs/_ext/nbsnapshot.py update " + str(
        NOTEBOOK
    )
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    outputs = [o for c in code for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] == "error"]
    kinds = {mime for o in outputs for mime in o.get("data", {})}
    assert {"text/html", "text/markdown"} <= kinds
    html = "".join("".join(o["data"].get("text/html", "")) for o in outputs)
    for mark in ('data-kind="public_holiday"', 'data-bar="step"', 'class="adservice adservice-engagement"'):
        assert mark in html


def test_notebook_snapshot_is_embedded_in_the_notebooks_page() -> None:
    page = (DOCS / "howto" / "notebooks.md").read_text(encoding="utf-8")
    assert "<!-- notebook: notebooks/quickstart.ipynb -->" in page
    snapshot = _load("nbsnapshot").snapshot_markdown(NOTEBOOK)
    assert snapshot.startswith("## ")  # the notebook's title becomes a section of the page
    assert snapshot.count("```mermaid\n") == 2  # the plan's gantt and the lifecycle
    # calendar, month, plan, engagement, the month in Chinese
    assert snapshot.count('<div class="nb-output"') == 5
    assert "\n\n" not in "".join(re.findall(r'<div class="nb-output".*?\n</div>', snapshot, re.S))


def test_notebooks_page_shows_what_plan_mermaid_prints() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from adservice import plan

    page = (DOCS / "howto" / "notebooks.md").read_text(encoding="utf-8")
    gantt = plan("media_schedule", datetime(2025, 9, 29, 10, tzinfo=ZoneInfo("Asia/Shanghai"))).plan_mermaid()
    assert gantt in page


# -- Mermaid, served by the site itself -----------------------------------------------------------


VENDOR = DOCS / "assets" / "vendor" / "mermaid"


def test_vendored_mermaid_is_the_noted_version() -> None:
    script = (VENDOR / "mermaid.min.js").read_bytes()
    notice = (VENDOR / "NOTICE.txt").read_text(encoding="utf-8")
    assert len(script) < 4 * 1024 * 1024
    assert hashlib.sha256(script).hexdigest() in notice, "update NOTICE.txt's sha256 with the file"
    assert re.search(r"mermaid 11\.\d+\.\d+ \(npm\)", notice)
    assert b'globalThis["mermaid"]' in script  # the global that Material looks for
    assert "MIT License" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


def test_site_needs_nothing_from_the_internet() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - assets/vendor/mermaid/mermaid.min.js" in config
    assert re.search(r"^  font: false$", config, re.M), "Material fetches Roboto from Google Fonts otherwise"
    assert "  - docs/_ext/hooks.py" in config


# -- docstring examples in the API reference ------------------------------------------------------


def test_doctests_become_code_blocks() -> None:
    pytest.importorskip("griffe")
    fence = _load("doctest_blocks").fence_doctests
    text = "Summary.\n\nArgs:\n    x: y.\n>>> [1, 2, 3][:2]\n[1, 2]\n\n    >>> indented\n"
    assert fence(text) == (
        "Summary.\n\nArgs:\n    x: y.\n\n```pycon\n>>> [1, 2, 3][:2]\n[1, 2]\n```\n\n    >>> indented\n"
    )
    already = "```pycon\n>>> 1\n1\n```"
    assert fence(already) == already
