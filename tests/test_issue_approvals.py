"""Issue 11 §7 on client issues: the supervisor approves the solution (I10, H3) and the client is told the
promised date (I11, H3, H2); files written before these rules still load."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from adservice.calendar import WorkCalendar
from adservice.errors import GateNotMet, SchemaError, SignOffError
from adservice.issues import ClientIssue, before_schema_3
from adservice.kernel import log_digest
from adservice.rulebook import Rulebook

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2025, 9, 30, 16, tzinfo=SH)
AE, HEAD, SUP, CLIENT = "agency:Li", "agency:Zhao", "agency:Qian (supervisor)", "client:Wang"
CN = WorkCalendar("CN")


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def investigating(book: Rulebook | None = None) -> ClientIssue:
    issue = ClientIssue.receive(T0, AE, issue_id="CI-1", client="C", description="wrong price", rulebook=book)
    issue.triage(at(0.5), AE, category="complaint", department="creative", notified="Zhao")
    issue.investigate(at(1), HEAD)
    return issue.add_evidence(at(2), HEAD, evidence="PROOF-1")


def rules(call: object) -> list[str]:
    with pytest.raises(GateNotMet) as info:
        call()  # type: ignore[operator]
    return [m.rule_id for m in info.value.missing]


def test_the_supervisor_approves_the_solution_before_the_client_is_told_i10() -> None:
    issue = investigating().promise(at(2.1), AE, promised_date=date(2025, 10, 10), evidence="MAIL-1")
    assert rules(lambda: issue.resolve(at(3), HEAD, solution="reprint", notice="N")) == ["I10"]
    assert rules(lambda: issue.approve_solution(at(3), AE, solution="reprint", role="ae")) == ["I10"]
    assert rules(lambda: issue.approve_solution(at(3), SUP, solution=" ")) == ["I10"]
    with pytest.raises(SignOffError):
        issue.approve_solution(at(3), CLIENT, solution="reprint")
    issue.approve_solution(at(3), SUP, solution="reprint")
    # Only the approved solution may be told: another one needs its own approval.
    assert rules(lambda: issue.resolve(at(4), HEAD, solution="refund", notice="N")) == ["I10"]
    issue.resolve(at(4), HEAD, solution="reprint", notice="N")
    assert issue.stage == "resolved" and issue.approved_solution == "reprint"


def test_the_client_is_told_the_promised_date_i11_and_it_is_a_deadline() -> None:
    issue = investigating()
    assert rules(lambda: issue.promise(at(2.1), AE, promised_date=date(2025, 10, 10))) == ["I11"]
    issue.approve_solution(at(2.5), SUP, solution="reprint")
    assert rules(lambda: issue.resolve(at(3), HEAD, solution="reprint", notice="N")) == ["I11"]
    issue.promise(at(2.6), AE, promised_date=date(2025, 10, 10), evidence="MAIL-1")
    promised = next(d for d in issue.deadlines(calendar=CN) if d.rule_id == "I11")
    assert promised.due == datetime(2025, 10, 10, 17, tzinfo=SH) and promised.status(at(3)) == "open"
    issue.resolve(datetime(2025, 10, 13, 9, tzinfo=SH), HEAD, solution="reprint", notice="N")
    late = next(d for d in issue.deadlines(calendar=CN) if d.rule_id == "I11")
    assert late.status(datetime(2025, 10, 14, tzinfo=SH)) == "late"  # the promise was broken


def test_without_i10_and_i11_the_old_flow_resolves() -> None:
    book = Rulebook.standard().without("I10").without("I11")
    issue = investigating(book).resolve(at(3), HEAD, solution="reprint", notice="N")
    assert issue.stage == "resolved"
    assert ClientIssue.from_dict(issue.to_dict()) == issue


def old_file(schema: int) -> dict[str, object]:
    """A file as the library wrote it before issue 11: no approval, no promise."""
    issue = investigating(before_schema_3(Rulebook.standard())).resolve(at(3), HEAD, solution="s", notice="N")
    data = json.loads(json.dumps(issue.to_dict()))
    data["schema"], data["rulebook"] = schema, None
    if schema == 1:
        return {"schema": 1, "events": data["events"]}
    return data


@pytest.mark.parametrize("schema", [1, 2])
def test_files_written_before_schema_3_still_load_under_the_rules_of_their_time(schema: int) -> None:
    loaded = ClientIssue.from_dict(old_file(schema))
    assert loaded.stage == "resolved"
    assert not loaded.rulebook.rule("I10").enabled and not loaded.rulebook.rule("I11").enabled
    again = ClientIssue.from_dict(json.loads(json.dumps(loaded.to_dict())))  # saved as schema 3
    assert again == loaded and loaded.to_dict()["schema"] == 3


def test_an_edited_schema_2_file_is_refused() -> None:
    data = old_file(2)
    data["events"][2]["payload"]["note"] = "edited"  # type: ignore[index]
    with pytest.raises(SchemaError, match="digest"):
        ClientIssue.from_dict(data)
    data["digest"] = log_digest(data["events"])  # type: ignore[arg-type]
    data["count"] = 3
    with pytest.raises(SchemaError):
        ClientIssue.from_dict(data)


def test_a_new_file_without_the_approval_is_refused_naming_i10() -> None:
    issue = investigating().promise(at(2.1), AE, promised_date=date(2025, 10, 10), evidence="M")
    issue.approve_solution(at(2.5), SUP, solution="s").resolve(at(3), HEAD, solution="s", notice="N")
    data = json.loads(json.dumps(issue.to_dict()))
    data["events"].pop(5)
    data["count"], data["digest"] = len(data["events"]), log_digest(data["events"])
    with pytest.raises(SchemaError) as info:
        ClientIssue.from_dict(data)
    assert (info.value.index, info.value.rule_id) == (5, "I10")


def test_a_schema_2_file_whose_count_is_not_an_int_is_refused() -> None:
    # 5.0 == 5 in Python; to_dict wrote an int, so a float count is an edited file.
    data = old_file(2)
    data["count"] = float(data["count"])  # type: ignore[arg-type]
    with pytest.raises(SchemaError, match="events"):
        ClientIssue.from_dict(data)
