"""MkDocs hooks (``hooks:`` in mkdocs.yml).

A line ``<!-- notebook: notebooks/quickstart.ipynb -->`` in a page becomes
that notebook's snapshot: its cells and saved outputs (see ``nbsnapshot``).
A missing notebook, or one whose saved outputs hold an error, fails the build.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbsnapshot  # beside this file; MkDocs puts a hook's folder on sys.path while loading it

_NOTEBOOK = re.compile(r"^<!-- notebook: (?P<path>\S+) -->$", re.MULTILINE)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **kwargs: Any) -> str:
    docs = Path(config["docs_dir"])

    def embed(match: re.Match[str]) -> str:
        path = docs / match["path"]
        if not path.is_file():
            msg = f"{page.file.src_uri}: no notebook at {path}"
            raise FileNotFoundError(msg)
        return nbsnapshot.snapshot_markdown(path)

    return _NOTEBOOK.sub(embed, markdown)
