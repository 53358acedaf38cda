from __future__ import annotations

import pytest

from adservice import WorkCalendar


@pytest.fixture(scope="session")
def cn() -> WorkCalendar:
    return WorkCalendar("CN")
