"""The lifecycle diagram's labels in Chinese: stage names as state labels, triggers by their words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from adservice.i18n import N_, gettext, pgettext

__all__ = ["NOTES", "localize_state_diagram"]

#: The lifecycle diagram's note, marked for the catalogs.
NOTES = (N_("hold from any active stage, resume returns to it"),)
_EDGE = re.compile(r"^(?P<head>\s+\S+ --> \S+): (?P<label>.+)$")


def localize_state_diagram(lines: Sequence[str], locale: str) -> list[str]:
    """``stateDiagram-v2`` lines with each state labelled and each edge's trigger in ``locale``.

    State ids stay the stage values (Mermaid ids are plain words); ``state "意向阶段" as intent``
    lines give them their names. The trigger words are the catalogs' ``event`` context.
    """
    states: list[str] = []
    out: list[str] = []
    for line in lines:
        match = _EDGE.match(line)
        if match:
            for part in match["head"].split(" --> "):
                state = part.strip()
                if state != "[*]" and state not in states:
                    states.append(state)
            label = match["label"]
            trigger, _, rule = label.partition(" (")
            words = pgettext("event", trigger, locale) + (f"（{rule.rstrip(')')}）" if rule else "")
            out.append(f"{match['head']}: {words}")
        elif line.strip().startswith("note right of "):
            head, _, text = line.partition(": ")
            out.append(f"{head}: {gettext(text, locale)}")
        else:
            out.append(line)
    labels = [f'    state "{pgettext("stage", s, locale)}" as {s}' for s in states]
    return [out[0], *labels, *out[1:]]
