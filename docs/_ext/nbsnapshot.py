"""The quickstart notebook's saved outputs: embedded in the docs, executed and checked in CI.

The site shows the notebook as it was last executed: its Markdown cells, its
code, and its saved outputs (the library's own HTML, Mermaid diagrams as
Mermaid blocks). Because the site shows saved outputs, CI re-executes the
notebook and fails when a fresh run differs from what is saved, so the
snapshot cannot go stale::

    python docs/_ext/nbsnapshot.py check docs/notebooks/quickstart.ipynb
    python docs/_ext/nbsnapshot.py update docs/notebooks/quickstart.ipynb

``snapshot_markdown`` needs nothing but the standard library (the MkDocs hook
uses it); ``check`` and ``update`` need ``nbclient``, ``nbformat`` and
``ipykernel`` (the ``docs`` extra).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def _shift_headings(markdown: str, shift: int) -> str:
    out, fenced = [], False
    for line in markdown.splitlines():
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            line = "#" * shift + line
        out.append(line)
    return "\n".join(out)


def _output(output: dict[str, Any]) -> str:
    kind = output["output_type"]
    if kind == "error":
        msg = f"the notebook's saved outputs hold an error: {output.get('ename')}: {output.get('evalue')}"
        raise ValueError(msg)
    if kind == "stream":
        return f"```text\n{_text(output['text']).rstrip()}\n```"
    data = output.get("data", {})
    if "text/html" in data:
        # A blank line would end Markdown's raw HTML block early.
        html = "\n".join(line for line in _text(data["text/html"]).splitlines() if line.strip())
        return (
            '<div class="nb-output" style="border-left:3px solid #c7d2fe;padding-left:8px;'
            f'margin:0 0 1em;overflow-x:auto">\n{html}\n</div>'
        )
    if "text/markdown" in data:
        return _text(data["text/markdown"]).strip()
    if "text/plain" in data:
        return f"```text\n{_text(data['text/plain']).rstrip()}\n```"
    return ""


def snapshot_markdown(path: Path, *, shift: int = 1) -> str:
    """The notebook at ``path`` as Markdown: cells in order, saved outputs after their code.

    Headings of Markdown cells move ``shift`` levels down, so the notebook's
    title becomes a section of the page that embeds it.
    """
    notebook = json.loads(path.read_text(encoding="utf-8"))
    parts: list[str] = []
    for cell in notebook["cells"]:
        source = _text(cell["source"]).strip()
        if cell["cell_type"] == "markdown":
            parts.append(_shift_headings(source, shift))
        elif cell["cell_type"] == "code":
            parts.append(f"```python\n{source}\n```")
            parts.extend(filter(None, (_output(o) for o in cell.get("outputs", []))))
    return "\n\n".join(parts)


def _outputs(notebook: Any) -> list[list[Any]]:
    """What a run shows, cell by cell, without run-specific noise (counts, timings, metadata)."""
    shown: list[list[Any]] = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        row: list[Any] = []
        for output in cell.outputs:
            if output.output_type == "stream":
                row.append(("stream", output.name, output.text))
            elif output.output_type == "error":
                row.append(("error", output.ename, output.evalue))
            else:
                row.append((output.output_type, {k: _text(v) for k, v in sorted(output.data.items())}))
        shown.append(row)
    return shown


def execute(path: Path) -> Any:
    """Run the notebook in a fresh ``python3`` kernel (from its own folder); return the executed copy."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    # Keep the file the same from one machine to the next.
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for cell in notebook.cells:
        cell.metadata = {}
        for output in cell.get("outputs", []):
            if "metadata" in output:
                output.metadata = {}
    return notebook


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"check", "update"}:
        sys.stderr.write("usage: nbsnapshot.py check|update NOTEBOOK\n")
        return 2
    import nbformat

    action, path = argv[0], Path(argv[1])
    fresh = execute(path)
    errors = [o for row in _outputs(fresh) for o in row if o[0] == "error"]
    if errors:
        sys.stderr.write(f"{path}: a cell raised: {errors[0][1]}: {errors[0][2]}\n")
        return 1
    if action == "update":
        nbformat.write(fresh, path)
        sys.stdout.write(f"{path}: executed, outputs saved\n")
        return 0
    saved = nbformat.read(path, as_version=4)
    if _outputs(saved) != _outputs(fresh):
        for i, (old, new) in enumerate(zip(_outputs(saved), _outputs(fresh), strict=False)):
            if old != new:
                sys.stderr.write(f"{path}: code cell {i + 1} shows something else when run now\n")
                break
        sys.stderr.write(f"the saved outputs are stale: run python docs/_ext/nbsnapshot.py update {path}\n")
        return 1
    sys.stdout.write(f"{path}: executed; every output is the saved one\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
