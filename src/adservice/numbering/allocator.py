"""The number allocator: the ledger of issued job numbers and client codes, pure and never repeating.

:class:`NumberAllocator` is state in, ``(number, new state)`` out.

    >>> from datetime import date
    >>> ledger = NumberAllocator()
    >>> job, ledger = ledger.issue("CR", date(2025, 9, 26), "Chen")
    >>> str(job)
    'CR-202509-01-Chen'
    >>> revision, ledger = ledger.revise(job)
    >>> str(revision)
    'CR-202509-01-Chen-R1'
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

import attrs

from adservice.errors import (
    DuplicateNumberError,
    InvalidChoiceError,
    InvalidInputError,
    MalformedNumberError,
    SchemaError,
    SequenceExhaustedError,
    UnknownItemError,
    brief,
)
from adservice.numbering._fields import (
    MAX_CLIENT_SEQ,
    MAX_REVISION,
    MAX_SEQ,
    _as_date,
    _check_label,
    _check_letters,
    _shown,
)
from adservice.numbering._ledger import (
    _client_tuple,
    _digest,
    _job_tuple,
    _Ledger,
    _object,
    _string,
    _strings,
)
from adservice.numbering.codes import ClientCode
from adservice.numbering.jobs import STANDARD_FORMAT, JobNumber, JobNumberFormat

__all__ = ["NumberAllocator"]

_SCHEMA_VERSION: Final = 1


@attrs.frozen
class NumberAllocator:
    """The ledger of issued job numbers and client codes; every step returns a new allocator.

    Sequences continue from the highest number issued, never from a gap, and
    never wrap: when a month's 99 numbers of a department are used,
    :meth:`issue` raises :class:`SequenceExhaustedError`. Explicitly recorded
    numbers (:meth:`record`) are checked the same way, so no number is ever
    issued twice. Building an allocator replays its ledgers and refuses any that
    hold a duplicate.

    Attributes:
        format: how job numbers are written (in messages and in :meth:`to_dict`).
        jobs: every job number issued, in order, revisions included.
        clients: every client code issued, in order.

    Raises:
        InvalidInputError: a ledger entry of the wrong type.
        DuplicateNumberError: a ledger holds a number twice.
        UnknownItemError: a ledger holds a revision before (or without) its original.

    >>> from datetime import date
    >>> ledger = NumberAllocator()
    >>> a, ledger = ledger.issue("CR", date(2025, 9, 1), "Chen")
    >>> b, ledger = ledger.issue("MD", date(2025, 9, 2), "Wang")  # its own sequence
    >>> c, ledger = ledger.issue("CR", date(2025, 10, 8), "Li")   # a new month restarts
    >>> [str(n) for n in ledger.jobs]
    ['CR-202509-01-Chen', 'MD-202509-01-Wang', 'CR-202510-01-Li']
    >>> NumberAllocator.from_dict(ledger.to_dict()) == ledger
    True
    """

    format: JobNumberFormat = attrs.field(default=STANDARD_FORMAT)
    jobs: tuple[JobNumber, ...] = attrs.field(default=(), converter=_job_tuple)
    clients: tuple[ClientCode, ...] = attrs.field(default=(), converter=_client_tuple)
    _ledger: _Ledger = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.format, JobNumberFormat):
            kind = type(self.format).__name__
            msg = f"format must be a JobNumberFormat (got {_shown(self.format)} of type {kind})."
            raise InvalidInputError(msg)
        ledger = _Ledger()
        for number in self.jobs:
            ledger.add_job(number, self.format)
        for code in self.clients:
            ledger.add_client(code)
        object.__setattr__(self, "_ledger", ledger)

    def _extended(
        self, ledger: _Ledger, job: JobNumber | None = None, client: ClientCode | None = None
    ) -> NumberAllocator:
        # One step adds one entry to tables already checked; replaying the whole ledger again
        # (what __init__ does) would make n allocations cost O(n^2) in Python.
        new: NumberAllocator = object.__new__(NumberAllocator)
        object.__setattr__(new, "format", self.format)
        object.__setattr__(new, "jobs", self.jobs if job is None else (*self.jobs, job))
        object.__setattr__(new, "clients", self.clients if client is None else (*self.clients, client))
        object.__setattr__(new, "_ledger", ledger)
        return new

    def _job(self, number: object) -> JobNumber:
        if isinstance(number, JobNumber):
            return number
        if isinstance(number, str):
            return self.format.parse(number)
        kind = type(number).__name__
        msg = f"a job number must be a JobNumber or its text (got {_shown(number)} of type {kind})."
        raise InvalidInputError(msg)

    def issue(self, dept: str, on: date, issuer: str) -> tuple[JobNumber, NumberAllocator]:
        """Open a new job: the department's next number in the month of ``on``.

        Args:
            dept: the department code, letters only.
            on: the office's local date the job is opened (a ``date``, not a ``datetime``:
                the month of an instant depends on the zone); only year and month are written.
            issuer: who opens it, letters only.

        Returns:
            The new number and the allocator that has issued it.

        Raises:
            InvalidInputError: an argument of the wrong type.
            MalformedNumberError: ``dept`` or ``issuer`` is not letters.
            SequenceExhaustedError: the department has used 99 numbers that month.

        >>> from datetime import date
        >>> first, ledger = NumberAllocator().issue("CR", date(2025, 9, 26), "Chen")
        >>> second, ledger = ledger.issue("CR", date(2025, 9, 29), "Li")
        >>> str(second)
        'CR-202509-02-Li'
        """
        _check_letters(dept, "the department code")
        _check_letters(issuer, "the issuer")
        day = _as_date(on, "on")
        seq = self._ledger.last_seq.get((dept, day.year, day.month), 0) + 1
        if seq > MAX_SEQ:
            msg = (
                f"department {brief(dept)} has used all {MAX_SEQ} "
                f"job numbers of {day.year:04d}-{day.month:02d}; "
                "numbers never wrap. Open the job under another department code or in the next month."
            )
            raise SequenceExhaustedError(msg)
        number = JobNumber(dept, day.year, day.month, seq, issuer)
        ledger = self._ledger.copy()
        ledger.add_job(number, self.format)
        return number, self._extended(ledger, job=number)

    def revise(self, number: JobNumber | str) -> tuple[JobNumber, NumberAllocator]:
        """Open a revision job order (后续修改工作单): the original number with the next revision count.

        Args:
            number: the original job number, or any of its revisions.

        Returns:
            The revision's number and the allocator that has issued it.

        Raises:
            InvalidInputError: ``number`` is neither a JobNumber nor a str.
            MalformedNumberError: ``number`` is text that does not match :attr:`format`.
            UnknownItemError: the original was never issued by this allocator.
            SequenceExhaustedError: the original already has 999 revisions.

        >>> from datetime import date
        >>> job, ledger = NumberAllocator().issue("CR", date(2025, 9, 26), "Chen")
        >>> first, ledger = ledger.revise(job)
        >>> second, ledger = ledger.revise("CR-202509-01-Chen-R1")
        >>> str(second), ledger.revision_count(job)
        ('CR-202509-01-Chen-R2', 2)
        """
        base = self._ledger.original_of(self._job(number), self.format)
        revision = self._ledger.revisions.get(base.key, 0) + 1
        if revision > MAX_REVISION:
            msg = f"{self.format.format(base)} already has {MAX_REVISION} revisions; open a new job instead."
            raise SequenceExhaustedError(msg)
        new = attrs.evolve(base, revision=revision)
        ledger = self._ledger.copy()
        ledger.add_job(new, self.format)
        return new, self._extended(ledger, job=new)

    def record(self, number: JobNumber | str) -> NumberAllocator:
        """Issue this exact number (one given on paper or by another tool), refusing any repeat.

        Later :meth:`issue` calls continue after the highest sequence recorded.

        Raises:
            InvalidInputError: ``number`` is neither a JobNumber nor a str.
            MalformedNumberError: ``number`` is text that does not match :attr:`format`.
            DuplicateNumberError: the sequence (or that revision) is already issued.
            UnknownItemError: a revision whose original was never issued.

        >>> ledger = NumberAllocator().record("CR-202509-41-Chen")
        >>> ledger.record("CR-202509-41-Li")
        Traceback (most recent call last):
        ...
        adservice.errors.DuplicateNumberError: job number CR-202509-41-Li would repeat CR-202509-41-Chen: \
sequence 41 of CR in 2025-09 is taken.
        """
        job = self._job(number)
        ledger = self._ledger.copy()
        ledger.add_job(job, self.format)
        return self._extended(ledger, job=job)

    def register_client(self, city: str, name: str, on: date) -> tuple[ClientCode, NumberAllocator]:
        """Give a new client its code: the next number of the year of ``on``.

        Args:
            city: the office's city (no ``-``).
            name: the client's name; a client has one code, from its first contact.
            on: the office's local date of first contact (a ``date``, not a ``datetime``).

        Returns:
            The new code and the allocator that has issued it.

        Raises:
            InvalidInputError: an argument of the wrong type.
            MalformedNumberError: ``city`` or ``name`` cannot be written into a code.
            DuplicateNumberError: the client already has a code.
            SequenceExhaustedError: 999 clients already have codes that year.

        >>> from datetime import date
        >>> code, ledger = NumberAllocator().register_client("北京", "宝洁", date(2025, 3, 14))
        >>> str(code)
        '北京-202503-宝洁-001'
        """
        _check_label(city, "the city", dash=False)
        _check_label(name, "the client name", dash=True)
        day = _as_date(on, "on")
        if name in self._ledger.client_names:
            msg = f"client {brief(name)} already has the code {self._ledger.client_names[name]}."
            raise DuplicateNumberError(msg)
        seq = self._ledger.client_last.get(day.year, 0) + 1
        if seq > MAX_CLIENT_SEQ:
            msg = f"all {MAX_CLIENT_SEQ} client numbers of {day.year:04d} are used; numbers never wrap."
            raise SequenceExhaustedError(msg)
        code = ClientCode(city, day.year, day.month, name, seq)
        ledger = self._ledger.copy()
        ledger.add_client(code)
        return code, self._extended(ledger, client=code)

    def record_client(self, code: ClientCode | str) -> NumberAllocator:
        """Issue this exact client code (e.g. from the client information sheet), refusing any repeat.

        Raises:
            InvalidInputError: ``code`` is neither a ClientCode nor a str.
            MalformedNumberError: ``code`` is text that is not a client code.
            DuplicateNumberError: the number of that year is taken, or the client already has a code.

        >>> NumberAllocator().record_client("上海-202501-Coca-Cola-012").client_code("Coca-Cola").seq
        12
        """
        if isinstance(code, str):
            code = ClientCode.parse(code)
        if not isinstance(code, ClientCode):
            kind = type(code).__name__
            msg = f"a client code must be a ClientCode or its text (got {_shown(code)} of type {kind})."
            raise InvalidInputError(msg)
        ledger = self._ledger.copy()
        ledger.add_client(code)
        return self._extended(ledger, client=code)

    def revision_count(self, number: JobNumber | str) -> int:
        """How many revision job orders ``number``'s original has (0 if none).

        Raises:
            InvalidInputError: ``number`` is neither a JobNumber nor a str.
            MalformedNumberError: ``number`` is text that does not match :attr:`format`.
            UnknownItemError: the original was never issued by this allocator.
        """
        base = self._ledger.original_of(self._job(number), self.format)
        return self._ledger.revisions.get(base.key, 0)

    def is_issued(self, number: JobNumber | str) -> bool:
        """Whether exactly this number (issuer and revision included) has been issued.

        Raises:
            InvalidInputError: ``number`` is neither a JobNumber nor a str.
            MalformedNumberError: ``number`` is text that does not match :attr:`format`.
        """
        job = self._job(number)
        base = self._ledger.originals.get(job.key)
        if base is None or base.issuer != job.issuer:
            return False
        return job.revision <= self._ledger.revisions.get(job.key, 0)

    def client_code(self, name: str) -> ClientCode | None:
        """The code of the client called ``name``, or ``None`` if it has none yet."""
        return self._ledger.client_names.get(name) if isinstance(name, str) else None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data, with a SHA-256 digest that :meth:`from_dict` checks.

        >>> NumberAllocator().to_dict()["format"]
        {'spec': '{dept}-{yyyy}{mm}-{seq:02}-{issuer}', 'revision': '-R{rev}'}
        """
        jobs = [self.format.format(n) for n in self.jobs]
        clients = [str(c) for c in self.clients]
        return {
            "version": _SCHEMA_VERSION,
            "format": {"spec": self.format.spec, "revision": self.format.revision},
            "jobs": jobs,
            "clients": clients,
            "digest": _digest(_SCHEMA_VERSION, self.format.spec, self.format.revision, jobs, clients),
        }

    @classmethod
    def from_dict(cls, data: object) -> NumberAllocator:
        """Load an allocator strictly: exactly the keys of :meth:`to_dict`, right types, matching digest.

        The digest catches an edited or truncated state: a ledger with its last
        entries cut off would otherwise issue those numbers a second time.

        Raises:
            SchemaError: unknown or missing keys, wrong types, an unknown
                version, a digest mismatch, a malformed or repeated number.
        """
        body = _object(data, "an allocator state", {"version", "format", "jobs", "clients", "digest"})
        version = body["version"]
        if type(version) is not int or version != _SCHEMA_VERSION:
            shown = _shown(version)
            msg = f"unknown allocator state version {shown}; this library reads version {_SCHEMA_VERSION}."
            raise SchemaError(msg)
        fmt = _object(body["format"], "an allocator state's format", {"spec", "revision"})
        spec, mark = _string(fmt["spec"], "format.spec"), _string(fmt["revision"], "format.revision")
        jobs = _strings(body["jobs"], "jobs")
        clients = _strings(body["clients"], "clients")
        digest = _string(body["digest"], "digest")
        if digest != _digest(_SCHEMA_VERSION, spec, mark, jobs, clients):
            msg = "the allocator state does not match its digest: it was edited or truncated."
            raise SchemaError(msg)
        try:
            style = JobNumberFormat(spec, mark)
            numbers = [style.parse(text) for text in jobs]
            codes = [ClientCode.parse(text) for text in clients]
            return cls(style, numbers, codes)
        except (MalformedNumberError, InvalidChoiceError, DuplicateNumberError, UnknownItemError) as error:
            msg = f"the allocator state is invalid: {error}"
            raise SchemaError(msg) from error
