"""Griffe extension: show the docstrings' doctests as ``pycon`` code blocks.

adservice's docstrings end with runnable examples (``>>> ...`` and the
expected output) that pytest runs with ``--doctest-modules``. Outside an
``Examples:`` section, mkdocstrings passes them to Markdown as text, where
``>>>`` opens three nested block quotes and ``[...][:2]`` reads as a
reference link. This wraps every example block that starts a line (up to the
next blank line) in a fenced ``pycon`` block, so the API reference shows the
examples as the code they are. Blocks that are already indented code, or
inside a fence, are left alone.

Loaded from ``mkdocs.yml`` before ``sphinx_roles``; it changes only the text
mkdocstrings renders.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    """``text`` with each unindented ``>>>`` block wrapped in a ```` ```pycon ```` fence."""
    lines = text.split("\n")
    out: list[str] = []
    in_fence = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        elif not in_fence and line.startswith(">>>"):
            end = i
            while end < len(lines) and lines[end].strip():
                end += 1
            if out and out[-1].strip():
                out.append("")
            out += ["```pycon", *lines[i:end], "```"]
            i = end
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def _walk(obj: griffe.Object) -> None:
    if obj.docstring is not None:
        obj.docstring.value = fence_doctests(obj.docstring.value)
    for member in obj.members.values():
        if not member.is_alias:
            _walk(member)  # type: ignore[arg-type]


class DoctestBlocks(griffe.Extension):
    """Fence the doctest examples of every docstring of a loaded package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        _walk(pkg)
