"""The command line: tables by default, JSON on request, one-line errors with status 2."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import adservice
from adservice import cli
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
    assert code == 0 and data["due_date"] == "2025-10-15" and data["day0"] == "2025-09-26"
    assert [s["due_date"] for s in data["steps"]] == [
        "2025-09-29",
        "2025-10-10",
        "2025-10-13",
        "2025-10-14",
        "2025-10-15",
    ]
    code, out, _ = run(
        capsys, "plan", "integrated_plan", "--received", "2025-09-26T18:00+08:00", "--days", "5", "--json"
    )
    assert code == 0 and json.loads(out)["due_date"] == "2025-10-11"
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
    assert data["due_date"] == "2025-09-30" and data["work_order_by"] == "2025-09-26"


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
        # missing or garbage arguments
        [],
        ["--frobnicate"],
        ["check"],
        ["check", "2025-10-04", "extra"],
        ["calendar"],
        ["obligations", "--from", "2026-03-01"],
        ["status"],
        ["demo", "--bogus"],
        ["plan"],
        ["plan", "print_single", "--received"],
        # bad dates and months, including forms fromisoformat reads but the help does not promise
        ["check", "2025-02-30"],
        ["check", "20251004"],
        ["check", "2025-W40-1"],
        ["check", ""],
        ["calendar", "0000-01"],
        ["calendar", "2025-00"],
        ["calendar", "2025-1"],
        ["plan", "print_single", "--received", "2025-09-26"],
        ["plan", "print_single", "--received", "2025-09-26T10:00+25:00"],
        ["plan", "print_single", "--received", "2025-09-26T25:00+08:00"],
        ["status", "--as-of", "yesterday"],
        # naive datetimes
        ["plan", "print_single", "--received", "2025-09-26 10:00"],
        ["plan", "print_single", "--received", "2025-09-26T10:00:00.000001"],
        # unknown regions, subdivisions and items
        ["check", "2025-10-04", "--region", ""],
        ["check", "2025-10-04", "--region", "CN\x00"],
        ["check", "2025-10-04", "--region", "US", "--subdivision", "XX"],
        ["calendar", "2025-10", "--region", "ZZ" * 500],
        ["plan", "", "--deliver-by", "2025-10-15"],
        ["plan", "print_single\nsecond line", "--deliver-by", "2025-10-15"],
        # huge numbers and extreme instants
        ["plan", "print_single", "--received", "2025-09-26T10:00+08:00", "--days", "1" + "0" * 400],
        ["plan", "print_single", "--received", "2025-09-26T10:00+08:00", "--days", "9" * 5000],
        ["plan", "print_single", "--received", "2025-09-26T10:00+08:00", "--review-days", "10000"],
        ["plan", "print_single", "--received", "2025-09-26T10:00+08:00", "--days", "NaN"],
        ["plan", "print_single", "--received", "0001-01-01T00:00+00:00"],
        ["plan", "print_single", "--received", "9999-12-31T23:59:59.999999-23:59"],
        ["plan", "print_single", "--deliver-by", "0001-01-01"],
        ["plan", "print_single", "--deliver-by", "9999-12-31"],
        ["check", "0001-01-01"],
        ["check", "9999-12-31"],
        ["calendar", "9999-12"],
        ["obligations", "--from", "0001-01-01", "--to", "9999-12-31"],
        ["obligations", "--from", "2026-03-01", "--to", "9999-12-31"],
        ["obligations", "--from", "2100-12-31", "--to", "2100-12-31"],
        ["status", "--as-of", "0001-01-01"],
        ["status", "--as-of", "9999-12-31"],
        ["status", "--as-of", "2100-12-31"],
    ],
)
def test_bad_input_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "error" in err
    assert "Traceback" not in err


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


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--version")
    assert code == 0 and err == ""
    assert out.strip() == f"adservice {adservice.__version__}"


def test_help_is_status_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "plan" in out and "--version" in out


def test_an_undocumented_library_error_is_still_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A library path that leaks a bare exception (issue 9 lists some) still gives one line, status 2.
    def leaks(args: object) -> str:
        raise OverflowError("date value out of range\nsecond line")

    monkeypatch.setattr(cli, "_cmd_check", leaks)
    code, out, err = run(capsys, "check", "2025-10-04")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        "adservice check: error: cannot use this input (OverflowError: date value out of range)"
    ]


def test_naive_received_names_the_fix(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "plan", "print_single", "--received", "2025-09-26T10:00")
    assert code == 2 and "no UTC offset" in err and "2025-09-26T10:00+08:00" in err


def test_days_bounds_are_said(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "plan", "print_single", "--received", "2025-09-26T10:00+08:00", "--days", "9" * 50
    )
    assert code == 2 and "0..10000" in err and "9" * 50 not in err  # a huge number is not echoed back
    code, _, err = run(capsys, "status", "--as-of", "9999-12-31")
    assert code == 2 and "1990-01-01..2100-12-01" in err


ARGV_TOKENS = st.one_of(
    st.sampled_from(
        [
            "calendar",
            "check",
            "plan",
            "demo",
            "obligations",
            "status",
            "--json",
            "--explain",
            "--region",
            "CN",
            "US",
            "--subdivision",
            "CA",
            "--received",
            "--deliver-by",
            "--days",
            "--review-days",
            "--from",
            "--to",
            "--as-of",
            "print_single",
            "media_schedule",
            "2025-10",
            "2025-10-04",
            "2026-03-09",
            "2025-09-26T10:00+08:00",
            "2025-09-26T10:00",
            "0001-01-01",
            "9999-12-31",
            "9999-12",
            "-1",
            "0",
            "3",
            "1" + "0" * 30,
        ]
    ),
    st.text(max_size=12),
)


@settings(deadline=None, max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.lists(ARGV_TOKENS, max_size=7))
def test_any_argv_is_answered_or_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exit_:  # pragma: no cover - main must return, not exit
        pytest.fail(f"main({argv!r}) raised SystemExit({exit_.code})")
    out, err = capsys.readouterr()
    assert code in (0, 2), (argv, code, err)
    assert "Traceback" not in err
    if code == 2:
        assert out == "" and len(err.strip().splitlines()) == 1, (argv, err)


# -- issue 11 §4: the media chain from the placement; --review-days with --deliver-by ---------------


def test_plan_from_the_placement_prints_the_whole_chain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "plan", "print_single", "media_schedule", "--placement", "2025-10-13", "--review-days", "1"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "placement Mon 2025-10-13 — CN (Asia/Shanghai), client review 1 working day"
    steps = [line.split()[0] for line in lines[3:10]]
    assert steps == [
        "media_schedule",
        "confirmation",
        "booking",
        "prepayment",
        "fee_list",
        "materials",
        "placement",
    ]
    assert "fee_list        O7    client  Mon 2025-09-29  Tue 2025-09-30  17:00 +08:00" in out
    assert "booking               agency  Fri 2025-09-26  Sun 2025-09-28" in out  # Sunday make-up day
    assert "earliest written work order: Wed 2025-09-17" in out
    code, out, _ = run(capsys, "plan", "film", "--placement", "2025-10-13", "--json", "--materials-lead", "0")
    data = json.loads(out)
    assert (
        code == 0 and data["materials_due_date"] == "2025-10-13" and data["chain"][-1]["key"] == "placement"
    )


def test_deliver_by_honours_review_days(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = run(capsys, "plan", "print_single", "--deliver-by", "2025-10-15", "--json")
    code, reviewed, _ = run(
        capsys, "plan", "print_single", "--deliver-by", "2025-10-15", "--review-days", "1", "--json"
    )
    assert code == 0
    assert json.loads(plain)["work_order_by"] == "2025-09-26"
    assert json.loads(reviewed)["work_order_by"] == "2025-09-22"  # four reviews of one working day
    assert len(json.loads(reviewed)["reviews"]) == 4
    _, table, _ = run(capsys, "plan", "print_single", "--deliver-by", "2025-10-15", "--review-days", "1")
    assert "client review of final_art: 1 working day, handed over by Fri 2025-10-10" in table


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "print_single", "film", "--received", "2025-09-26T10:00+08:00"],
        ["plan", "print_single", "film", "--deliver-by", "2025-10-15"],
        ["plan", "print_single", "film", "--placement", "2025-10-13", "--days", "9"],
        ["plan", "print_single", "--placement", "2025-10-13", "--booking-days", "-1"],
        ["plan", "poster", "--placement", "2025-10-13"],
        ["plan", "print_single", "--placement", "0001-01-01"],
        ["items", "--bogus"],
        ["ics", "--stamp", "yesterday"],
        ["ics", "--stamp", "2025-09-26T10:00"],
    ],
)
def test_bad_plan_items_and_ics_arguments_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


# -- issue 11 §8: your own engagements -----------------------------------------------------------


def test_items_lists_ranges_units_and_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "items")
    assert code == 0
    assert out.splitlines()[0].split() == ["item", "rule", "days", "unit", "name", "steps"]
    assert any(line.split()[:3] == ["integrated_plan", "T1", "5-8"] for line in out.splitlines())
    assert "tvc_production      T6    1     months" in out
    code, out, _ = run(capsys, "items", "--json")
    rows = {r["item"]: r for r in json.loads(out)}
    assert rows["broadcast_creative"]["days"] == [3, 8] and rows["broadcast_creative"]["rule_id"] == "T5"
    assert rows["print_single"]["steps"][0] == "creative_concept"
    assert set(rows) == set(adservice.Rulebook.standard().items)


@pytest.fixture
def saved(tmp_path: object) -> dict[str, str]:
    """The demo portfolio saved as users save theirs: one file per engagement, and one list."""
    from pathlib import Path

    from adservice.demo import demo_portfolio

    base = Path(str(tmp_path))
    first, second = demo_portfolio()
    paths = {
        "first": base / "huaxia.json",
        "second": base / "mingzhu.json",
        "both": base / "portfolio.json",
    }
    paths["first"].write_text(json.dumps(first.to_dict(), ensure_ascii=False), encoding="utf-8")
    paths["second"].write_text(json.dumps(second.to_dict(), ensure_ascii=False), encoding="utf-8")
    paths["both"].write_text(json.dumps([first.to_dict(), second.to_dict()]), encoding="utf-8")
    return {k: str(v) for k, v in paths.items()}


def test_status_obligations_and_ics_read_your_files(
    capsys: pytest.CaptureFixture[str], saved: dict[str, str]
) -> None:
    _, demo, _ = run(capsys, "status", "--as-of", "2026-03-09", "--json")
    code, mine, _ = run(capsys, "status", "--as-of", "2026-03-09", "--json", "--engagements", saved["both"])
    assert code == 0 and json.loads(mine) == json.loads(demo)
    code, two, _ = run(
        capsys, "status", "--as-of", "2026-03-09", "--json", "--engagements", saved["first"], saved["second"]
    )
    assert code == 0 and json.loads(two) == json.loads(demo)
    code, one, _ = run(capsys, "status", "--as-of", "2026-03-09", "--engagements", saved["second"])
    assert code == 0 and "Mingzhu Dairy" in one and "Huaxia" not in one
    code, out, _ = run(
        capsys,
        "obligations",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--json",
        "--engagements",
        saved["first"],
    )
    assert code == 0 and {"O5", "O7"} <= {r["rule_id"] for r in json.loads(out)}
    code, out, _ = run(capsys, "ics", "--engagements", saved["first"], "--stamp", "2026-03-01T09:00+08:00")
    assert code == 0 and out.startswith("BEGIN:VCALENDAR\r\n") and out.endswith("END:VCALENDAR\r\n")
    assert "DTSTAMP:20260301T010000Z" in out
    assert "SUMMARY:O5 execution report — Huaxia Real Estate\\, round 2" in out.replace("\r\n ", "")


def test_ics_of_the_demo_portfolio_reads_back(capsys: pytest.CaptureFixture[str]) -> None:
    from icalendar import Calendar

    code, out, _ = run(capsys, "ics", "--stamp", "2026-03-01T09:00+08:00", "--name", "Agency")
    assert code == 0
    parsed = Calendar.from_ical(out.encode())
    assert str(parsed["X-WR-CALNAME"]) == "Agency"
    summaries = [str(e["SUMMARY"]) for e in parsed.walk("VEVENT")]
    assert any("Mingzhu Dairy" in s for s in summaries) and any("Huaxia Real Estate" in s for s in summaries)


def _refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "", (code, out, err)
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    return err


@pytest.mark.parametrize(
    "command",
    [
        ["status", "--as-of", "2026-03-09"],
        ["obligations", "--from", "2026-03-01", "--to", "2026-03-31"],
        ["ics"],
    ],
)
def test_a_missing_truncated_or_tampered_file_is_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], saved: dict[str, str], command: list[str], tmp_path: object
) -> None:
    from pathlib import Path

    base = Path(str(tmp_path))
    err = _refused(capsys, *command, "--engagements", str(base / "nowhere.json"))
    assert "nowhere.json: cannot read it (No such file or directory)" in err
    text = Path(saved["first"]).read_text(encoding="utf-8")
    cut = base / "cut.json"
    cut.write_text(text[: len(text) // 2], encoding="utf-8")
    assert "cut.json: not JSON" in _refused(capsys, *command, "--engagements", str(cut))
    data = json.loads(text)
    data["events"] = data["events"][:-3]  # a truncated log: count and digest no longer match
    short = base / "short.json"
    short.write_text(json.dumps(data), encoding="utf-8")
    assert "short.json" in _refused(capsys, *command, "--engagements", str(short))
    data = json.loads(text)
    data["events"][5]["at"] = data["events"][5]["at"].replace("2026", "2025", 1)  # an edited event
    edited = base / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    assert "digest" in _refused(capsys, *command, "--engagements", str(edited))
    junk = base / "junk.json"
    junk.write_text("[1, 2]", encoding="utf-8")
    assert "junk.json[0]" in _refused(capsys, *command, "--engagements", str(junk))
    err = _refused(capsys, *command, "--engagements", saved["first"], saved["both"])
    assert "given twice" in err
    binary = base / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    _refused(capsys, *command, "--engagements", str(binary))
