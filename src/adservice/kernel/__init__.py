"""The event log and the machinery event-sourced objects share."""

from __future__ import annotations

from adservice.kernel.events import (
    Event,
    JSONValue,
    Payload,
    check_chronology,
    check_json,
    flatten,
    freeze,
    parse_instant,
    thaw,
)

__all__ = [
    "Event",
    "JSONValue",
    "Payload",
    "check_chronology",
    "check_json",
    "flatten",
    "freeze",
    "parse_instant",
    "thaw",
]
