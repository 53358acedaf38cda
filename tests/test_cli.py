"""The command line: tables by default, JSON on request, one-line errors with status 2."""

from __future__ import annotations

import json

import pytest

from adservice.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_calendar_grid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "2025-10")
    assert code == 0
    assert "October 2025" in out
    assert " 11M" in out and "  1H" in out
    assert "M 10-11 make-up working day: for National Day" in out
    assert "18 working days" in out


def test_calendar_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "2025-09", "--json")
    data = json.loads(out)
    assert code == 0 and data["month"] == "2025-09" and len(data["days"]) == 30
    sunday = next(d for d in data["days"] if d["date"] == "2025-09-28")
    assert sunday["kind"] == "make-up working day" and sunday["working"] is True


def test_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "2025-10-04")
    assert code == 0
    assert "not a working day" in out and "next working day Thu 2025-10-09" in out
    code, out, _ = run(capsys, "check", "2027-10-01", "--json")
    data = json.loads(out)
    assert data["provisional"] is True and data["kind"] == "public holiday"


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "2025-13-01"],
        ["calendar", "October"],
        ["calendar", "2025-10", "--region", "XX"],
        ["check", "2300-01-01"],
        ["frobnicate"],
    ],
)
def test_bad_input_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "error" in err
