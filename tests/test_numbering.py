"""Numbering (SPEC §9, H3): client codes, job numbers, formats, the allocator, its JSON, bad input."""

from __future__ import annotations

import ast
import contextlib
import inspect
import pickle
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import adservice.numbering
from adservice.errors import (
    AdServiceError,
    DuplicateNumberError,
    InvalidChoiceError,
    InvalidInputError,
    MalformedNumberError,
    SchemaError,
    SequenceExhaustedError,
    UnknownItemError,
)
from adservice.numbering import (
    STANDARD_FORMAT,
    ClientCode,
    JobNumber,
    JobNumberFormat,
    NumberAllocator,
    _ledger,
    allocator,
    codes,
    jobs,
    parse_client_code,
    parse_job_number,
    parsing,
    revisions,
)

from . import strategies as s

#: The public modules of the package, one concept each.
PUBLIC_MODULES = (codes, jobs, parsing, allocator, revisions)

SEP_26 = date(2025, 9, 26)


# -- client codes (H3 客户代码) ------------------------------------------------------------------


def test_client_code_examples() -> None:
    code = ClientCode("北京", 2025, 3, "宝洁", 7)
    assert str(code) == "北京-202503-宝洁-007"  # single-digit month and number are zero-padded
    assert ClientCode.parse("北京-202503-宝洁-007") == code
    hyphenated = ClientCode.parse("Shanghai-202511-Coca-Cola China-120")
    assert (hyphenated.city, hyphenated.name, hyphenated.seq) == ("Shanghai", "Coca-Cola China", 120)
    assert hyphenated.key == (2025, 120)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("", 0),
        ("北京", 2),  # no '-' after the city
        ("-202503-宝洁-007", 0),  # empty city
        ("北京-20253-宝洁-007", 8),  # month not zero-padded: '-' where a digit belongs
        ("北京-202513-宝洁-007", 7),  # month 13
        ("北京-000003-宝洁-007", 3),  # year 0
        ("北京-202503宝洁-007", 9),
        ("北京-202503-宝洁", 12),
        ("北京-202503--007", 10),  # empty client name
        ("北京-202503-宝洁-07", 15),
        ("北京-202503-宝洁-000", 13),
        ("北京-202503-宝洁-0071", 16),
        ("北京-202503-宝洁 -007", 12),  # trailing space in the name
        ("北\n京-202503-宝洁-007", 1),  # control character in the city
        ("北京-2025０3-宝洁-007", 7),  # a full-width digit is not a digit here
    ],
)
def test_client_code_errors_point_at_the_fault(text: str, position: int) -> None:
    with pytest.raises(MalformedNumberError) as caught:
        ClientCode.parse(text)
    assert caught.value.position == position
    assert caught.value.text == text


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        (("BJ-1", 2025, 3, "宝洁", 1), MalformedNumberError),
        (("BJ", 2025, 13, "宝洁", 1), MalformedNumberError),
        (("BJ", 2025, 3, "", 1), MalformedNumberError),
        (("BJ", 2025, 3, "宝洁", 1000), MalformedNumberError),
        (("BJ", 2025, 3, "宝洁", 0), MalformedNumberError),
        (("BJ", "2025", 3, "宝洁", 1), InvalidInputError),
        (("BJ", 2025, True, "宝洁", 1), InvalidInputError),
        ((None, 2025, 3, "宝洁", 1), InvalidInputError),
    ],
)
def test_client_code_refuses_bad_fields(fields: tuple[Any, ...], error: type[Exception]) -> None:
    with pytest.raises(error):
        ClientCode(*fields)


# -- job numbers (H3 工作号) ---------------------------------------------------------------------


def test_job_number_examples() -> None:
    job = JobNumber("CR", 2025, 9, 7, "Chen")
    assert str(job) == "CR-202509-07-Chen"
    assert JobNumber.parse("CR-202509-07-Chen") == job
    assert job.key == ("CR", 2025, 9, 7) and not job.is_revision and job.original is job
    revision = JobNumber.parse("CR-202509-07-Chen-R12")
    assert revision.revision == 12 and revision.is_revision and revision.original == job
    assert str(JobNumber("创意", 2025, 1, 1, "陈")) == "创意-202501-01-陈"


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("", 0),
        ("-202509-07-Chen", 0),  # no department
        ("CR202509-07-Chen", 2),
        ("CR-20259-07-Chen", 8),  # month not zero-padded
        ("CR-202500-07-Chen", 7),
        ("CR-202509-7-Chen", 11),  # sequence not zero-padded
        ("CR-202509-00-Chen", 10),
        ("CR-202509-07-", 13),  # no issuer
        ("CR-202509-07-Chen ", 17),
        ("CR-202509-07-Chen-", 18),
        ("CR-202509-07-Chen-R", 19),
        ("CR-202509-07-Chen-R0", 19),
        ("CR-202509-07-Chen-R01", 19),
        ("CR-202509-07-Chen-R1000", 22),
        ("CR-202509-07-Chen-R1x", 20),
        ("CR-202509-07-Ch3n", 15),
        ("C1-202509-07-Chen", 1),
    ],
)
def test_job_number_errors_point_at_the_fault(text: str, position: int) -> None:
    with pytest.raises(MalformedNumberError) as caught:
        JobNumber.parse(text)
    assert caught.value.position == position
    assert caught.value.text == text
    assert f"position {position}" in str(caught.value)


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        (("C-R", 2025, 9, 1, "Chen"), MalformedNumberError),
        (("CR", 2025, 9, 100, "Chen"), MalformedNumberError),
        (("CR", 2025, 9, 0, "Chen"), MalformedNumberError),
        (("CR", 10000, 9, 1, "Chen"), MalformedNumberError),
        (("CR", 2025, 9, 1, "Chen Li"), MalformedNumberError),
        (("CR", 2025, 9, 1, "Chen", -1), MalformedNumberError),
        (("CR", 2025, 9, 1, "Chen", 1000), MalformedNumberError),
        (("CR", 2025, 9, 1.0, "Chen"), InvalidInputError),
        ((b"CR", 2025, 9, 1, "Chen"), InvalidInputError),
    ],
)
def test_job_number_refuses_bad_fields(fields: tuple[Any, ...], error: type[Exception]) -> None:
    with pytest.raises(error):
        JobNumber(*fields)


# -- formats -------------------------------------------------------------------------------------


def test_standard_format_is_the_default() -> None:
    assert JobNumberFormat() == STANDARD_FORMAT
    assert STANDARD_FORMAT.spec == "{dept}-{yyyy}{mm}-{seq:02}-{issuer}"


def test_compact_and_custom_formats() -> None:
    compact = JobNumberFormat("{dept}{yyyy}{mm}{seq:02}{issuer}")
    job = JobNumber("MD", 2025, 9, 3, "Wang", revision=2)
    assert compact.format(job) == "MD20250903Wang-R2"
    assert JobNumber.parse("MD20250903Wang-R2", compact) == job
    house = JobNumberFormat("JOB {yyyy}/{mm} {dept}#{seq:02} ({issuer})", revision=" 修{rev}")
    assert house.format(job) == "JOB 2025/09 MD#03 (Wang) 修2"
    assert house.parse("JOB 2025/09 MD#03 (Wang) 修2") == job
    with pytest.raises(MalformedNumberError) as caught:
        house.parse("JOB 2025/09 MD#03 (Wang")
    assert caught.value.position == len("JOB 2025/09 MD#03 (Wang")


@pytest.mark.parametrize(
    ("spec", "revision", "error", "position"),
    [
        ("{dept}{issuer}{yyyy}{mm}{seq:02}", "-R{rev}", MalformedNumberError, 6),  # letters touch
        (
            "{dept}x{yyyy}{mm}{seq:02}{issuer}",
            "-R{rev}",
            MalformedNumberError,
            6,
        ),  # literal starts with a letter
        ("{dept}-{yyyy}{mm}-{issuer}", "-R{rev}", MalformedNumberError, 26),  # {seq:02} missing
        ("{dept}-{yyyy}{mm}-{seq:02}-{issuer}{mm}", "-R{rev}", MalformedNumberError, 35),
        ("{dept}-{yyyy}{mm}-{seq:02}-{issuer", "-R{rev}", MalformedNumberError, 34),
        ("{dept}-{yyyy}}{mm}-{seq:02}-{issuer}", "-R{rev}", MalformedNumberError, 13),
        ("{dept}-{yyyy}{mm}-{seq:02}-{issuer}", "R{rev}", MalformedNumberError, 0),
        ("{dept}-{yyyy}{mm}-{seq:02}-{issuer}", "-{rev}0", MalformedNumberError, 6),
        ("{dept}-{yyyy}{mm}-{seq:02}-{issuer}", "-R", MalformedNumberError, 2),
        ("{dept}-{yyyy}{mm}-{seq:02}-{issuer}", "-R{rev}{n}", MalformedNumberError, 7),
        ("{dept}-{yyyy}{mm}-{seq:03}-{issuer}", "-R{rev}", InvalidChoiceError, None),
        ("{dept}-{yy}{mm}-{seq:02}-{issuer}", "-R{rev}", InvalidChoiceError, None),
        (None, "-R{rev}", InvalidInputError, None),
    ],
)
def test_bad_formats(spec: Any, revision: str, error: type[Exception], position: int | None) -> None:
    with pytest.raises(error) as caught:
        JobNumberFormat(spec, revision)
    if position is not None:
        assert isinstance(caught.value, MalformedNumberError)
        assert caught.value.position == position


def test_unknown_field_lists_the_allowed_ones() -> None:
    with pytest.raises(InvalidChoiceError) as caught:
        JobNumberFormat("{dept}-{yyyy}{mm}-{seq}-{issuer}")
    assert caught.value.allowed == ("{dept}", "{yyyy}", "{mm}", "{seq:02}", "{issuer}")


# -- the allocator -------------------------------------------------------------------------------


def test_sequences_restart_monthly_and_run_per_department() -> None:
    ledger = NumberAllocator()
    issued = []
    for dept, day, issuer in [
        ("CR", date(2025, 9, 1), "Chen"),
        ("CR", date(2025, 9, 30), "Li"),
        ("MD", date(2025, 9, 2), "Wang"),
        ("CR", date(2025, 10, 9), "Chen"),
        ("CR", date(2026, 9, 1), "Chen"),
    ]:
        job, ledger = ledger.issue(dept, day, issuer)
        issued.append(str(job))
    assert issued == [
        "CR-202509-01-Chen",
        "CR-202509-02-Li",
        "MD-202509-01-Wang",
        "CR-202510-01-Chen",
        "CR-202609-01-Chen",
    ]
    assert [str(n) for n in ledger.jobs] == issued


def test_a_datetime_is_refused_where_the_local_date_is_needed() -> None:
    from datetime import datetime, timezone

    late = datetime(2025, 9, 30, 23, 30, tzinfo=timezone.utc)  # already October in Shanghai
    with pytest.raises(InvalidInputError, match="local date"):
        NumberAllocator().issue("CR", late, "Chen")
    with pytest.raises(InvalidInputError, match="local date"):
        NumberAllocator().register_client("BJ", "X", late)


def test_allocation_is_pure() -> None:
    empty = NumberAllocator()
    first, after = empty.issue("CR", SEP_26, "Chen")
    again, _ = empty.issue("CR", SEP_26, "Chen")
    assert first == again and empty.jobs == () and after.jobs == (first,)
    assert after != empty


def test_revisions_keep_the_original_number() -> None:
    job, ledger = NumberAllocator().issue("CR", SEP_26, "Chen")
    first, ledger = ledger.revise(job)
    second, ledger = ledger.revise(first)  # any revision names its original
    third, ledger = ledger.revise("CR-202509-01-Chen")
    assert [str(n) for n in (first, second, third)] == [
        "CR-202509-01-Chen-R1",
        "CR-202509-01-Chen-R2",
        "CR-202509-01-Chen-R3",
    ]
    assert ledger.revision_count(job) == 3
    assert ledger.is_issued(second) and not ledger.is_issued("CR-202509-01-Chen-R4")
    assert not ledger.is_issued("CR-202509-01-Li")
    nxt, ledger = ledger.issue("CR", SEP_26, "Chen")  # revisions do not use up the sequence
    assert str(nxt) == "CR-202509-02-Chen"


def test_revising_an_unknown_number_is_refused() -> None:
    _, ledger = NumberAllocator().issue("CR", SEP_26, "Chen")
    with pytest.raises(UnknownItemError):
        ledger.revise("CR-202509-02-Chen")
    with pytest.raises(UnknownItemError, match="CR-202509-01-Chen holds that sequence"):
        ledger.revise("CR-202509-01-Li")
    with pytest.raises(UnknownItemError):
        ledger.record("MD-202509-01-Wang-R1")


def test_sequence_overflow_raises_instead_of_wrapping() -> None:
    ledger = NumberAllocator()
    for _ in range(99):
        job, ledger = ledger.issue("CR", SEP_26, "Chen")
    assert str(job) == "CR-202509-99-Chen"
    with pytest.raises(SequenceExhaustedError, match="all 99 job numbers of 2025-09"):
        ledger.issue("CR", SEP_26, "Chen")
    assert issubclass(SequenceExhaustedError, DuplicateNumberError)
    assert len(ledger.jobs) == 99  # refused: nothing changed
    other, _ = ledger.issue("MD", SEP_26, "Chen")
    later, _ = ledger.issue("CR", date(2025, 10, 1), "Chen")
    assert (other.seq, later.seq) == (1, 1)


def test_revision_overflow_raises() -> None:
    ledger = NumberAllocator().record("CR-202509-01-Chen").record("CR-202509-01-Chen-R999")
    with pytest.raises(SequenceExhaustedError):
        ledger.revise("CR-202509-01-Chen")


def test_recording_explicit_numbers() -> None:
    ledger = NumberAllocator().record("CR-202509-41-Chen")
    with pytest.raises(DuplicateNumberError, match="would repeat CR-202509-41-Chen"):
        ledger.record("CR-202509-41-Chen")
    with pytest.raises(DuplicateNumberError):
        ledger.record(JobNumber("CR", 2025, 9, 41, "Li"))  # same sequence, other issuer
    job, ledger = ledger.issue("CR", SEP_26, "Li")
    assert job.seq == 42  # continues after the highest, never fills a gap
    ledger = ledger.record("CR-202509-05-Wang")  # a gap may be recorded explicitly
    ledger = ledger.record("CR-202509-05-Wang-R2")
    with pytest.raises(DuplicateNumberError, match="latest is 2"):
        ledger.record("CR-202509-05-Wang-R1")
    ninety_nine = ledger.record("CR-202509-99-Chen")
    with pytest.raises(SequenceExhaustedError):
        ninety_nine.issue("CR", SEP_26, "Chen")


def test_client_codes_are_numbered_per_year() -> None:
    ledger = NumberAllocator()
    a, ledger = ledger.register_client("北京", "宝洁", date(2025, 3, 14))
    b, ledger = ledger.register_client("上海", "Coca-Cola", date(2025, 11, 2))
    c, ledger = ledger.register_client("北京", "联想", date(2026, 1, 5))
    assert [str(x) for x in (a, b, c)] == [
        "北京-202503-宝洁-001",
        "上海-202511-Coca-Cola-002",
        "北京-202601-联想-001",
    ]
    assert ledger.client_code("宝洁") == a and ledger.client_code("Nike") is None
    with pytest.raises(DuplicateNumberError, match="already has the code 北京-202503-宝洁-001"):
        ledger.register_client("广州", "宝洁", date(2026, 2, 1))
    with pytest.raises(DuplicateNumberError):
        ledger.record_client("广州-202507-Nike-002")
    ledger = ledger.record_client("广州-202507-Nike-999")
    with pytest.raises(SequenceExhaustedError):
        ledger.register_client("广州", "Adidas", date(2025, 12, 1))


def test_building_an_allocator_replays_its_ledger() -> None:
    job = JobNumber("CR", 2025, 9, 1, "Chen")
    with pytest.raises(DuplicateNumberError):
        NumberAllocator(jobs=[job, job])
    with pytest.raises(UnknownItemError):
        NumberAllocator(jobs=[attrs.evolve(job, revision=1), job])
    with pytest.raises(InvalidInputError):
        NumberAllocator(jobs=["CR-202509-01-Chen"])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        NumberAllocator(format="{dept}")  # type: ignore[arg-type]
    _, ledger = NumberAllocator().issue("CR", SEP_26, "Chen")
    with pytest.raises(DuplicateNumberError):
        attrs.evolve(ledger, jobs=(*ledger.jobs, *ledger.jobs))
    replayed = attrs.evolve(ledger, clients=[ClientCode("BJ", 2025, 1, "X", 1)])
    assert replayed.jobs == ledger.jobs


def test_an_allocator_in_a_custom_format() -> None:
    compact = JobNumberFormat("{dept}{yyyy}{mm}{seq:02}{issuer}")
    ledger = NumberAllocator(compact)
    _, ledger = ledger.issue("CR", SEP_26, "Chen")
    rev, ledger = ledger.revise("CR20250901Chen")
    assert compact.format(rev) == "CR20250901Chen-R1"
    data = ledger.to_dict()
    assert data["jobs"] == ["CR20250901Chen", "CR20250901Chen-R1"]
    assert NumberAllocator.from_dict(data) == ledger
    with pytest.raises(MalformedNumberError):
        ledger.record("CR-202509-02-Chen")  # text is read in the allocator's format


# -- serialisation -------------------------------------------------------------------------------


def sample_ledger() -> NumberAllocator:
    ledger = NumberAllocator()
    job, ledger = ledger.issue("CR", SEP_26, "Chen")
    _, ledger = ledger.issue("媒介", SEP_26, "王")
    _, ledger = ledger.revise(job)
    _, ledger = ledger.register_client("北京", "宝洁", SEP_26)
    return ledger


def test_state_is_plain_json() -> None:
    data = sample_ledger().to_dict()
    assert set(data) == {"version", "format", "jobs", "clients", "digest"}
    assert data["jobs"] == ["CR-202509-01-Chen", "媒介-202509-01-王", "CR-202509-01-Chen-R1"]
    assert data["clients"] == ["北京-202509-宝洁-001"]
    assert NumberAllocator.from_dict(data) == sample_ledger()


def forge(data: dict[str, Any]) -> dict[str, Any]:
    """Recompute the digest, as someone editing the state on purpose would."""
    fmt = data["format"]
    args = (data["version"], fmt["spec"], fmt["revision"], data["jobs"], data["clients"])
    return {**data, "digest": _ledger._digest(*args)}


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: {**d, "extra": 1},
        lambda d: {k: v for k, v in d.items() if k != "clients"},
        lambda d: {**d, "version": 2},
        lambda d: {**d, "version": True},
        lambda d: {**d, "version": "1"},
        lambda d: {**d, "jobs": tuple(d["jobs"])},
        lambda d: {**d, "jobs": [*d["jobs"], 7]},
        lambda d: {**d, "format": {"spec": d["format"]["spec"]}},
        lambda d: {**d, "format": "{dept}-{yyyy}{mm}-{seq:02}-{issuer}"},
        lambda d: {**d, "digest": None},
        lambda d: {**d, "jobs": d["jobs"][:-1]},  # truncated: would re-issue the last number
        lambda d: {**d, "jobs": d["jobs"][::-1]},
        lambda d: {**d, "clients": []},
        lambda d: forge({**d, "jobs": [*d["jobs"], d["jobs"][0]]}),
        lambda d: forge({**d, "jobs": d["jobs"][::-1]}),  # revision before its original
        lambda d: forge({**d, "jobs": [*d["jobs"], "CR-2025-09-01-Chen"]}),
        lambda d: forge({**d, "clients": [*d["clients"], "上海-202509-宝洁-002"]}),
        lambda d: forge({**d, "format": {"spec": "{dept}", "revision": "-R{rev}"}}),
        lambda d: forge({**d, "format": {"spec": "{dep}", "revision": "-R{rev}"}}),
        lambda d: [d],
        lambda d: {1: 2},
    ],
)
def test_tampered_state_is_refused(tamper: Any) -> None:
    data = sample_ledger().to_dict()
    with pytest.raises(SchemaError):
        NumberAllocator.from_dict(tamper(data))
    assert NumberAllocator.from_dict(data) == sample_ledger()  # the original data was not touched


# -- value contracts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        JobNumber("CR", 2025, 9, 7, "Chen", 1),
        ClientCode("北京", 2025, 3, "宝洁", 7),
        JobNumberFormat("{dept}{yyyy}{mm}{seq:02}{issuer}"),
        sample_ledger(),
    ],
)
def test_value_contracts(value: Any) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        value.year = 1999
    assert not hasattr(value, "__dict__")
    assert hash(value) == hash(attrs.evolve(value))
    assert value == attrs.evolve(value)
    assert pickle.loads(pickle.dumps(value)) == value


def test_an_unpickled_allocator_keeps_counting() -> None:
    ledger = pickle.loads(pickle.dumps(sample_ledger()))
    job, _ = ledger.issue("CR", SEP_26, "Li")
    assert str(job) == "CR-202509-02-Li"


@pytest.mark.parametrize("module", PUBLIC_MODULES, ids=lambda m: m.__name__)
def test_module_surface(module: Any) -> None:
    assert len(set(module.__all__)) == len(module.__all__)
    defined = {
        name
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and not inspect.ismodule(obj)
        and getattr(obj, "__module__", module.__name__) == module.__name__
    }
    defined -= {"annotations"}  # the __future__ feature, not the module's own
    defined -= {"MAX_CLIENT_SEQ", "MAX_REVISION", "MAX_SEQ"}  # imported constants carry no __module__
    assert defined == set(module.__all__)
    assert set(module.__all__) <= set(adservice.numbering.__all__)
    for name in module.__all__:
        obj = getattr(module, name)
        assert inspect.getdoc(obj), name
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if not attr.startswith("_") and (inspect.isfunction(member) or isinstance(member, property)):
                    assert inspect.getdoc(member), f"{name}.{attr}"


def test_package_surface() -> None:
    exported = {name for module in PUBLIC_MODULES for name in module.__all__}
    assert exported | {"MAX_CLIENT_SEQ", "MAX_REVISION", "MAX_SEQ"} == set(adservice.numbering.__all__)


def test_numbering_imports_only_errors() -> None:
    # numbering sits below the engagement, which checks job numbers with it.
    for path in Path(adservice.numbering.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("adservice"):
                assert node.module == "adservice.errors" or node.module.startswith("adservice.numbering"), (
                    f"{path.name}:{node.lineno} imports {node.module}"
                )


@pytest.mark.parametrize("path", sorted(Path(adservice.numbering.__file__).parent.glob("*.py")), ids=str)
def test_module_is_pure(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    banned = {"time", "now", "today", "open", "print", "input"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else None
            assert name not in banned, f"line {node.lineno} calls {name}()"


# -- properties ----------------------------------------------------------------------------------

letters = st.characters(categories=("Lu", "Ll", "Lt", "Lm", "Lo"))
hanzi = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
#: Department codes and issuers: letters of any script, often Chinese.
tokens = st.text(st.one_of(letters, hanzi), min_size=1, max_size=8)
#: Printable characters: str.isprintable() refuses every Other (C*) and Separator (Z*) but ASCII space.
printable = st.one_of(st.characters(exclude_categories=("C", "Z")), st.just(" "), hanzi)
names = st.text(printable, min_size=1, max_size=16).map(lambda t: t.strip(" ")).filter(bool)
cities = (
    st.text(printable.filter(lambda c: c != "-"), min_size=1, max_size=8)
    .map(lambda t: t.strip(" "))
    .filter(bool)
)
years = st.integers(1, 9999)
months = st.integers(1, 12)

job_numbers = st.builds(
    JobNumber,
    dept=tokens,
    year=years,
    month=months,
    seq=st.integers(1, 99),
    issuer=tokens,
    revision=st.integers(0, 999),
)
client_codes = st.builds(
    ClientCode, city=cities, year=years, month=months, name=names, seq=st.integers(1, 999)
)


@st.composite
def formats(draw: st.DrawFn) -> JobNumberFormat:
    """Any valid format: the five fields in any order, with separators and affixes that keep it readable."""
    fields = draw(st.permutations(["{dept}", "{yyyy}", "{mm}", "{seq:02}", "{issuer}"]))
    spec = draw(st.sampled_from(["", "JOB-", "№", "工作号"]))
    for k, field in enumerate(fields):
        if k:
            letters_touch = fields[k - 1] in ("{dept}", "{issuer}") and field in ("{dept}", "{issuer}")
            separators = ["-", "/", "_", ".", "·", " ", "#"] + ([] if letters_touch else ["", "0"])
            spec += draw(st.sampled_from(separators))
        spec += field
    spec += draw(st.sampled_from(["", "#", ")", "/9"]))
    revision = draw(st.sampled_from(["-R{rev}", "/r{rev}", "(修{rev})", ".{rev}", " rev {rev}"]))
    return JobNumberFormat(spec, revision)


@given(number=job_numbers, fmt=st.one_of(st.just(STANDARD_FORMAT), formats()))
def test_job_number_round_trip(number: JobNumber, fmt: JobNumberFormat) -> None:
    text = fmt.format(number)
    assert fmt.parse(text) == number
    if fmt == STANDARD_FORMAT:
        assert JobNumber.parse(str(number)) == number


@given(code=client_codes)
def test_client_code_round_trip(code: ClientCode) -> None:
    assert ClientCode.parse(str(code)) == code


def edits(examples: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Near misses: a valid number with one character inserted, deleted or replaced."""

    @st.composite
    def edit(draw: st.DrawFn) -> str:
        text = draw(examples)
        at = draw(st.integers(0, len(text)))
        char = draw(st.one_of(st.sampled_from("-0R9 "), st.characters()))
        how = draw(st.sampled_from(["insert", "delete", "replace"]))
        if how == "insert":
            return text[:at] + char + text[at:]
        if how == "delete":
            return text[:at] + text[at + 1 :]
        return text[:at] + char + text[at + 1 :]

    return edit()


@settings(max_examples=300)
@given(
    text=st.one_of(st.text(), edits(job_numbers.map(str))), fmt=st.one_of(st.just(STANDARD_FORMAT), formats())
)
def test_job_number_parse_only_raises_malformed(text: str, fmt: JobNumberFormat) -> None:
    try:
        number = fmt.parse(text)
    except MalformedNumberError as error:
        assert error.text == text and 0 <= error.position <= len(text)
    else:
        assert fmt.format(number) == text  # whatever parses is written back exactly


@settings(max_examples=300)
@given(text=st.one_of(st.text(), edits(client_codes.map(str))))
def test_client_code_parse_only_raises_malformed(text: str) -> None:
    try:
        code = ClientCode.parse(text)
    except MalformedNumberError as error:
        assert error.text == text and 0 <= error.position <= len(text)
    else:
        assert str(code) == text


@given(
    spec=st.lists(st.sampled_from([*"{}-x0:", "{dept}", "{yyyy}", "{mm}", "{seq:02}", "{issuer}"])).map(
        "".join
    )
)
def test_format_specs_only_raise_documented_errors(spec: str) -> None:
    with contextlib.suppress(MalformedNumberError, InvalidChoiceError):
        JobNumberFormat(spec)


@settings(max_examples=200)
@given(
    target=st.sampled_from(
        [
            JobNumber.parse,
            ClientCode.parse,
            STANDARD_FORMAT.format,
            JobNumberFormat,
            NumberAllocator().issue,
            NumberAllocator().revise,
            NumberAllocator().record,
            NumberAllocator().register_client,
            NumberAllocator().record_client,
            NumberAllocator().revision_count,
            NumberAllocator().is_issued,
            NumberAllocator().client_code,
            NumberAllocator.from_dict,
        ]
    ),
    args=st.lists(s.junk, max_size=3),
)
def test_only_documented_exceptions(target: Any, args: list[object]) -> None:
    try:
        target(*args)
    except AdServiceError:
        pass
    except TypeError as error:
        # Wrong arity is Python's own complaint about the call, not the library's.
        assert "positional argument" in str(error)


# A small world, so that random operations collide often: two departments, two months.
depts = st.sampled_from(["CR", "媒介"])
issuers = st.sampled_from(["Chen", "王", "Li"])
days = st.sampled_from([date(2025, 9, 26), date(2025, 10, 9)])
operations = st.one_of(
    st.tuples(st.just("issue"), depts, days, issuers),
    st.tuples(st.just("revise"), st.integers(0, 200)),
    st.tuples(
        st.just("record"),
        st.builds(
            JobNumber,
            dept=depts,
            year=st.just(2025),
            month=st.sampled_from([9, 10]),
            seq=st.sampled_from([1, 2, 3, 97, 98, 99]),
            issuer=issuers,
            revision=st.sampled_from([0, 0, 1, 2]),
        ),
    ),
    st.tuples(
        st.just("client"), st.sampled_from(["北京", "上海"]), st.sampled_from(["宝洁", "联想", "Nike"]), days
    ),
    st.tuples(
        st.just("record_client"),
        st.builds(ClientCode, st.just("BJ"), st.just(2025), months, names, st.integers(1, 3)),
    ),
)


def run(ops: list[tuple[Any, ...]]) -> tuple[NumberAllocator, list[JobNumber], list[ClientCode]]:
    """Apply random operations; refused ones must be refused with a documented error and change nothing."""
    ledger = NumberAllocator()
    jobs: list[JobNumber] = []
    clients: list[ClientCode] = []
    for op in ops:
        before = ledger
        try:
            if op[0] == "issue":
                job, ledger = ledger.issue(*op[1:])
                jobs.append(job)
            elif op[0] == "revise":
                assume(jobs)
                job, ledger = ledger.revise(jobs[op[1] % len(jobs)])
                jobs.append(job)
            elif op[0] == "record":
                ledger = ledger.record(op[1])
                jobs.append(op[1])
            elif op[0] == "client":
                code, ledger = ledger.register_client(*op[1:])
                clients.append(code)
            else:
                ledger = ledger.record_client(op[1])
                clients.append(op[1])
        except (DuplicateNumberError, UnknownItemError):
            assert ledger is before
    return ledger, jobs, clients


@settings(max_examples=200)
@given(ops=st.lists(operations, max_size=60))
def test_no_duplicates_under_any_allocation_sequence(ops: list[tuple[Any, ...]]) -> None:
    ledger, jobs, clients = run(ops)
    assert list(ledger.jobs) == jobs and list(ledger.clients) == clients
    texts = [str(n) for n in jobs]
    assert len(set(texts)) == len(texts)
    originals = [n.key for n in jobs if not n.revision]
    assert len(set(originals)) == len(originals)
    revisions = [(n.key, n.revision) for n in jobs if n.revision]
    assert len(set(revisions)) == len(revisions)
    assert {n.original for n in jobs} <= set(jobs)  # every revision's original was issued
    assert len({c.key for c in clients}) == len(clients) == len({c.name for c in clients})
    # The step-by-step tables agree with a fresh replay of the ledger.
    replayed = NumberAllocator(ledger.format, ledger.jobs, ledger.clients)
    for table in ("last_seq", "originals", "revisions", "client_last", "client_keys", "client_names"):
        assert getattr(replayed._ledger, table) == getattr(ledger._ledger, table), table


@given(ops=st.lists(operations, max_size=40))
def test_state_json_round_trip(ops: list[tuple[Any, ...]]) -> None:
    ledger, _, _ = run(ops)
    data = ledger.to_dict()
    assert NumberAllocator.from_dict(data) == ledger
    assert NumberAllocator.from_dict(data).to_dict() == data


@given(
    ops=st.lists(operations, min_size=1, max_size=20),
    path=st.sampled_from(["jobs", "clients", "digest", "format.spec", "format.revision"]),
    index=st.integers(0, 100),
    char=st.characters(),
    how=st.sampled_from(["replace", "insert", "drop"]),
)
def test_tampered_state_refused(
    ops: list[tuple[Any, ...]], path: str, index: int, char: str, how: str
) -> None:
    ledger, _, _ = run(ops)
    data = ledger.to_dict()
    tampered: dict[str, Any] = {**data, "format": dict(data["format"])}
    if path.startswith("format."):
        holder, key = tampered["format"], path.split(".")[1]
    else:
        holder, key = tampered, path
    value = holder[key]
    if isinstance(value, list):
        assume(value)
        items = list(value)
        k = index % len(items)
        if how == "drop":
            del items[k]
        else:
            text = items[k]
            at = index % (len(text) + 1)
            items[k] = text[:at] + char + text[at + (how == "replace") :]
        holder[key] = items
    else:
        at = index % (len(value) + 1)
        holder[key] = value[:at] + ("" if how == "drop" else char) + value[at + (how != "insert") :]
    assume(tampered != data)
    with pytest.raises(SchemaError):
        NumberAllocator.from_dict(tampered)


def test_hostile_input_is_parsed_in_linear_time() -> None:
    # No timing assertion: the parsers make one pass by construction; these would hang a backtracking regex.
    n = 100_000
    hostile = [
        "A" * n,
        "-" * n,
        "CR-" + "9" * n,
        "CR-202509-07-" + "a" * n,
        "CR-202509-07-Chen-R" + "1" * n,
        "a-" * (n // 2),
        "北京-202503-" + "宝-" * (n // 2),
        "x" * n + "-202503-宝洁-007",
    ]
    for text in hostile:
        for parse in (
            JobNumber.parse,
            ClientCode.parse,
            JobNumberFormat("{dept}{yyyy}{mm}{seq:02}{issuer}").parse,
        ):
            with contextlib.suppress(MalformedNumberError):
                parse(text)


# -- parse_job_number: the one check the engagement runs on every path ----------------------------


def test_parse_job_number_reads_every_format() -> None:
    compact = JobNumberFormat("{dept}{yyyy}{mm}{seq:02}{issuer}")
    job = JobNumber("媒介", 2025, 9, 3, "王", revision=2)
    assert parse_job_number(str(job)) == job
    assert parse_job_number(compact.format(job), format=compact) == job
    assert parse_client_code("北京-202503-宝洁-007") == ClientCode("北京", 2025, 3, "宝洁", 7)


def test_parse_job_number_format_is_keyword_only() -> None:
    params = inspect.signature(parse_job_number).parameters
    assert params["format"].kind is inspect.Parameter.KEYWORD_ONLY
    assert params["format"].default is STANDARD_FORMAT


@pytest.mark.parametrize(
    ("text", "position", "expected"),
    [
        ("", 0, "department code"),
        ("CR-202509-7-Chen", 11, "sequence number"),
        ("CR-202509-00-Chen", 10, "sequence number from 01"),
        ("CR-202509-07-Chen-R0", 19, "revision count from 1"),
        ("CR-202509-07-Chen-R1000", 22, "end of the revision count"),
        ("\x00[...]", 0, "department code"),
    ],
)
def test_parse_job_number_says_where_and_what(text: str, position: int, expected: str) -> None:
    with pytest.raises(MalformedNumberError) as caught:
        parse_job_number(text)
    assert caught.value.position == position
    assert expected in caught.value.expected
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("fmt", [None, "{dept}", 5, STANDARD_FORMAT.spec])
def test_parse_job_number_refuses_a_format_that_is_not_one(fmt: Any) -> None:
    with pytest.raises(InvalidInputError, match="format must be a JobNumberFormat"):
        parse_job_number("CR-202509-07-Chen", format=fmt)


@given(text=st.one_of(s.junk, st.binary(max_size=8)), fmt=st.one_of(st.just(STANDARD_FORMAT), s.junk))
def test_parse_job_number_raises_only_documented_errors(text: object, fmt: Any) -> None:
    with contextlib.suppress(InvalidInputError, MalformedNumberError):
        parse_job_number(text, format=fmt)


# Extreme values: every field check raises a documented error, never OverflowError or ValueError
# from writing a huge int out (Python refuses to print ints over 4,300 digits).
EXTREME_INTS = [10**400, -(10**400), 10**5000, -(10**5000), -1, 2**63, 10000]


def _short(value: object) -> str:
    return f"{value.bit_length()}bits" if isinstance(value, int) and abs(value) > 10**20 else repr(value)


@pytest.mark.parametrize("value", EXTREME_INTS, ids=_short)
@pytest.mark.parametrize("field", ["year", "month", "seq", "revision"])
def test_job_number_fields_at_extremes(field: str, value: int) -> None:
    fields: dict[str, Any] = {"dept": "CR", "year": 2025, "month": 9, "seq": 7, "issuer": "Chen"}
    fields[field] = value
    with pytest.raises(MalformedNumberError) as caught:
        JobNumber(**fields)
    assert len(caught.value.text) < 30


@pytest.mark.parametrize("value", [*EXTREME_INTS, float("nan"), float("inf"), 7.0, True, "7"], ids=_short)
def test_client_code_fields_at_extremes(value: object) -> None:
    with pytest.raises((MalformedNumberError, InvalidInputError)):
        ClientCode("北京", 2025, 3, "宝洁", value)  # type: ignore[arg-type]


@pytest.mark.parametrize("on", [date.min, date.max, date(1, 1, 1), date(9999, 12, 31)])
def test_allocation_at_the_ends_of_the_calendar(on: date) -> None:
    job, ledger = NumberAllocator().issue("CR", on, "Chen")
    assert (job.year, job.month) == (on.year, on.month)
    assert parse_job_number(str(job)) == job
    code, ledger = ledger.register_client("BJ", "宝洁", on)
    assert parse_client_code(str(code)) == code
    assert NumberAllocator.from_dict(ledger.to_dict()) == ledger


@pytest.mark.parametrize("on", [datetime.min, datetime.max, datetime(2025, 9, 26, tzinfo=UTC), 20250926])
def test_allocation_refuses_an_instant_or_a_number_and_changes_nothing(on: object) -> None:
    before = sample_ledger()
    with pytest.raises(InvalidInputError):
        before.issue("CR", on, "Chen")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        before.register_client("BJ", "宝洁", on)  # type: ignore[arg-type]
    assert before == sample_ledger()
    assert before.issue("CR", SEP_26, "Li")[0].seq == 2


@settings(max_examples=200)
@given(
    target=st.sampled_from(
        [
            NumberAllocator,
            JobNumber,
            ClientCode,
            parse_client_code,
            lambda *a: parse_job_number(*a[:1], format=a[1] if len(a) > 1 else STANDARD_FORMAT),
        ]
    ),
    args=st.lists(st.one_of(s.junk, st.sampled_from(EXTREME_INTS)), max_size=6),
)
def test_constructors_raise_only_documented_errors(target: Any, args: list[object]) -> None:
    try:
        target(*args)
    except AdServiceError:
        pass
    except TypeError as error:
        # Wrong arity is Python's own complaint about the call, not the library's.
        assert "positional argument" in str(error)
