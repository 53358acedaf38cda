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


def test_plan_forward_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "print_single", "--received", "2025-09-26T10:00+08:00")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "print_single (T4, 9 working days) — CN (Asia/Shanghai)"
    assert lines[1] == "received Fri 2025-09-26 10:00 +08:00, before the 17:00 cut-off: day 0 Fri 2025-09-26"
    assert "creative_concept  T4       2  Fri 2025-09-26  Mon 2025-09-29  17:00 +08:00" in lines
    assert "film              T4       1  Tue 2025-10-14  Wed 2025-10-15  17:00 +08:00" in lines
    assert lines[-1] == "due Wed 2025-10-15 17:00 +08:00"


def test_plan_forward_json_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "print_single", "--received", "2025-09-26T02:00Z", "--json")
    data = json.loads(out)
    assert code == 0 and data["due"] == "2025-10-15" and data["day0"] == "2025-09-26"
    assert [s["due"] for s in data["steps"]] == [
        "2025-09-29",
        "2025-10-10",
        "2025-10-13",
        "2025-10-14",
        "2025-10-15",
    ]
    code, out, _ = run(
        capsys, "plan", "integrated_plan", "--received", "2025-09-26T18:00+08:00", "--days", "5", "--json"
    )
    assert code == 0 and json.loads(out)["due"] == "2025-10-11"
    code, out, _ = run(
        capsys, "plan", "print_single", "--received", "2025-09-26T10:00+08:00", "--review-days", "1"
    )
    assert code == 0 and "client review of creative_concept: 1 working day, sign-off by Tue 2025-09-30" in out
    code, out, _ = run(capsys, "plan", "phase_plan", "--received", "2026-12-30T10:00+08:00")
    assert code == 0 and "  *" in out and "provisional: CN days after 2026" in out


def test_plan_backward(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "print_single", "--deliver-by", "2025-10-15")
    assert code == 0
    assert "the written work order must arrive by Fri 2025-09-26, before 17:00 +08:00" in out
    assert "latest start" in out
    code, out, _ = run(capsys, "plan", "media_schedule", "--deliver-by", "2025-10-05", "--json")
    data = json.loads(out)
    assert data["due"] == "2025-09-30" and data["work_order_by"] == "2025-09-26"


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "2025-13-01"],
        ["calendar", "October"],
        ["calendar", "2025-10", "--region", "XX"],
        ["check", "2300-01-01"],
        ["frobnicate"],
        ["plan", "print_single", "--received", "2025-09-26T10:00"],
        ["plan", "print", "--received", "2025-09-26T10:00+08:00"],
        ["plan", "integrated_plan", "--received", "2025-09-26T10:00+08:00", "--days", "9"],
        ["plan", "print_single", "--received", "yesterday"],
        ["plan", "print_single"],
        ["plan", "print_single", "--received", "2025-09-26T10:00+08:00", "--deliver-by", "2025-10-15"],
        ["plan", "print_single", "--deliver-by", "2101-01-01"],
        ["plan", "print_single", "--received", "2025-09-26T10:00+08:00", "--review-days", "-1"],
    ],
)
def test_bad_input_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "error" in err


def test_demo(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert "start_media_booking" in out and "Written sign-offs" in out and "whose time" in out
    code, out, _ = run(capsys, "demo", "--json")
    data = json.loads(out)
    assert data["stage"] == "closed" and data["revision_rounds"] == 1
    assert {d["rule"] for d in data["duties"]} >= {"O2", "O3", "O5", "O7"}


def test_obligations_window(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "obligations", "--from", "2026-03-01", "--to", "2026-03-31", "--json")
    assert code == 0
    rows = json.loads(out)
    rules = {r["rule_id"] for r in rows}
    assert {"O4", "O5", "O7", "O8"} <= rules
    code, out, _ = run(capsys, "obligations", "--from", "2026-03-01", "--to", "2026-03-31")
    assert code == 0 and "O8" in out
    code, _, err = run(capsys, "obligations", "--from", "2026-03-31", "--to", "2026-03-01")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--as-of", "2026-03-09")
    assert code == 0 and "Weekly status report" in out and "status as of Fri 2026-03-06" in out
    code, out, _ = run(capsys, "status", "--as-of", "2026-03-09", "--json")
    data = json.loads(out)
    jobs = {row["job"] for row in data["rows"]}
    assert {"BJ-202601-01", "SH-202603-01"} <= jobs
