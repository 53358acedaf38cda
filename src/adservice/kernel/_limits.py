"""The bound on text an event carries (private to the kernel; :data:`MAX_TEXT` is re-exported by
:mod:`adservice.kernel.events`)."""

from __future__ import annotations

from adservice.errors import InvalidInputError, brief

__all__ = ["MAX_TEXT", "too_long"]

#: The longest text an event may carry, in characters (64 KiB): each text payload value, the
#: JSON text of each nested value (a list or object) as a whole, the evidence id and the actor.
#: Generous for what a log records (a note, a description, a solution, a closing summary: a
#: 64 Ki-character text is some thirty pages of Chinese), while one event can no longer carry
#: megabytes: a document goes in the agency's files and the event names it as evidence.
MAX_TEXT = 65_536


def too_long(what: str, value: str) -> InvalidInputError:
    """The error for a text longer than :data:`MAX_TEXT`, naming ``what``, its length and the bound.

    >>> print(too_long("a 'respond' event's 'note'", "x" * 70_000))  # doctest: +ELLIPSIS
    a 'respond' event's 'note' is 70000 characters long ('xxx...xxx'); texts in a log are at most 65536 ...
    """
    if not isinstance(value, str) or not isinstance(what, str):
        raise InvalidInputError(f"too_long needs text (got {brief(what)}, {brief(value)}).")
    return InvalidInputError(
        f"{what} is {len(value)} characters long ({brief(value)}); texts in a log are at most "
        f"{MAX_TEXT} characters (MAX_TEXT, 64 KiB): keep the document itself in the agency's files "
        "and name it as evidence."
    )
