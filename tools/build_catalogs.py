"""Extract, update and compile adservice's message catalogs (Babel tooling; docs/howto/languages.md).

    python tools/build_catalogs.py           # write the .pot, the .po files and i18n/_catalogs.py
    python tools/build_catalogs.py --check   # exit 1 if any of them is stale (CI; tests/test_i18n.py)

The same as Babel's command line, with the keywords below:

    pybabel extract -F babel.cfg -k NP_:1c,2 --no-location --sort-output -o locales/adservice.pot .
    pybabel update -i locales/adservice.pot -d locales -D adservice --no-fuzzy-matching --ignore-obsolete
    python tools/build_catalogs.py           # compile into importable Python data (no .mo files)

Translators edit ``locales/<locale>/LC_MESSAGES/adservice.po`` (msgstr lines) and run this again.
The core reads no files at run time: it imports the generated module.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("zh_CN", "zh_TW")
DOMAIN = "adservice"
POT = ROOT / "locales" / f"{DOMAIN}.pot"
GENERATED = ROOT / "src" / "adservice" / "i18n" / "_catalogs.py"
KEYWORDS = {**DEFAULT_KEYWORDS, "NP_": ((1, "c"), 2)}
METHOD_MAP = [("src/adservice/**.py", "python")]
_FIXED = datetime(2026, 1, 1, tzinfo=timezone.utc)  # headers carry no clock: outputs are reproducible


def po_path(locale: str) -> Path:
    """Where ``locale``'s catalog lives."""
    return ROOT / "locales" / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def _catalog(locale: str | None = None) -> Catalog:
    return Catalog(
        locale=locale,
        domain=DOMAIN,
        project="adservice",
        version="",
        copyright_holder="adservice developers",
        msgid_bugs_address="",
        creation_date=_FIXED,
        revision_date=_FIXED,
        fuzzy=False,
    )


def extract() -> Catalog:
    """Every message the sources mark, with no locations (a moved line does not change the template)."""
    template = _catalog()
    for _file, _line, message, comments, context in extract_from_dir(
        str(ROOT), METHOD_MAP, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
    ):
        template.add(message, None, [], auto_comments=comments, context=context)
    return template


def _po_text(catalog: Catalog) -> str:
    out = io.BytesIO()
    write_po(
        out, catalog, width=100, no_location=True, omit_header=False, sort_output=True, ignore_obsolete=True
    )
    lines = out.getvalue().decode("utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith('"Generated-By:'))


def update(template: Catalog, locale: str) -> Catalog:
    """``locale``'s catalog brought up to the template: new messages untranslated, unused ones dropped."""
    path = po_path(locale)
    if path.exists():
        with path.open("rb") as file:
            catalog = read_po(file, locale=locale, domain=DOMAIN)
    else:
        catalog = _catalog(locale)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.creation_date = _FIXED
    catalog.revision_date = _FIXED
    return catalog


def missing(catalog: Catalog) -> list[str]:
    """Messages of ``catalog`` with no translation (or only a fuzzy one)."""
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        strings = strings or ("",)
        if message.fuzzy or not all(strings):
            out.append(str(message.id if isinstance(message.id, str) else message.id[0]))
    return out


def _entries(catalog: Catalog) -> Iterable[list[str | None]]:
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        string = message.string if isinstance(message.string, str) else (message.string or ("",))[0]
        if string:
            yield [message.context, msgid, string]


def compile_module(catalogs: dict[str, Catalog]) -> str:
    """The Python module holding every translation, as data (JSON in a raw string: no escaping surprises)."""
    rows = []
    for locale in LOCALES:
        entries = sorted(_entries(catalogs[locale]), key=lambda e: (e[0] or "", e[1]))
        # Ten entries a line: the module stays short (the .po files are what people read and diff).
        chunks = [entries[i : i + 10] for i in range(0, len(entries), 10)]
        body = ",\n".join(", ".join(json.dumps(e, ensure_ascii=False) for e in c) for c in chunks)
        rows.append(f'"{locale}": [\n{body}\n]')
    data = "{\n" + ",\n".join(rows) + "\n}"
    return (
        "# ruff: noqa: E501\n"
        '"""Generated by tools/build_catalogs.py from locales/*/LC_MESSAGES/adservice.po: do not edit.\n\n'
        "Each locale maps ``(context, message)`` to its translation; ``context`` is ``None`` for\n"
        "messages looked up with ``gettext``/``ngettext``.\n"
        '"""\n\n'
        "from __future__ import annotations\n\n"
        "import json\n\n"
        '__all__ = ["CATALOGS"]\n\n'
        f'_DATA = r"""\n{data}\n"""\n\n'
        "#: The translations of every shipped locale.\n"
        "CATALOGS: dict[str, dict[tuple[str | None, str], str]] = {\n"
        "    locale: {(context, message): text for context, message, text in rows}\n"
        "    for locale, rows in json.loads(_DATA).items()\n"
        "}\n"
    )


def build() -> dict[Path, str]:
    """Every generated file's path and the text it should hold."""
    template = extract()
    catalogs = {locale: update(template, locale) for locale in LOCALES}
    out = {POT: _po_text(template)}
    out.update({po_path(locale): _po_text(catalog) for locale, catalog in catalogs.items()})
    out[GENERATED] = compile_module(catalogs)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a generated file is stale")
    args = parser.parse_args(argv)
    stale = []
    for path, text in build().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path.relative_to(ROOT))
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(("stale: " if args.check else "wrote: ") + str(path))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
