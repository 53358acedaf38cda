"""CI guard: the README's Quick start holds exactly two commands, and .ci/run runs the second."""

from __future__ import annotations

import re
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
readme = (root / "README.md").read_text(encoding="utf-8")
section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
block = re.search(r"```[a-z]*\n(.*?)```", section, re.S)
commands = [line for line in (block[1] if block else "").splitlines() if line.strip()]
if len(commands) != 2:
    sys.exit(f"README Quick start must hold exactly two commands, found {len(commands)}: {commands}")
ci = (root / ".ci" / "run").read_text(encoding="utf-8")
if commands[1] not in ci:
    sys.exit(f"README's test command {commands[1]!r} is not what .ci/run runs")
print("README quick start:", *commands, sep="\n  ")
