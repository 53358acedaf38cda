from __future__ import annotations

import pytest

from adservice import WorkCalendar


@pytest.fixture(scope="session")
def cn() -> WorkCalendar:
    return WorkCalendar("CN")


@pytest.fixture(autouse=True)
def _english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line takes its language from LC_ALL/LC_MESSAGES/LANG: tests start from English."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
