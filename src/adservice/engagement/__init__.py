"""The engagement lifecycle: stages, sign-off gates and its log (SPEC §6)."""

from __future__ import annotations

from adservice.engagement.lifecycle import (
    DELIVERABLES,
    FORWARD,
    ROLES,
    Engagement,
    JobOrder,
    Requirement,
    Wait,
    as_portfolio,
)
from adservice.engagement.table import (
    ACTIONS,
    FINAL_STAGES,
    GATES,
    MACHINE,
    NEXT,
    TABLE,
    TRANSITIONS,
    TRIGGERS,
    Stage,
    TransitionSpec,
    allowed_triggers,
    lifecycle_mermaid,
)
from adservice.engagement.values import StepStatus
from adservice.engagement.workflow_values import Estimate, MeetingRecord, Production, Routine

__all__ = [
    "ACTIONS",
    "DELIVERABLES",
    "FINAL_STAGES",
    "FORWARD",
    "GATES",
    "MACHINE",
    "NEXT",
    "ROLES",
    "TABLE",
    "TRANSITIONS",
    "TRIGGERS",
    "Engagement",
    "Estimate",
    "JobOrder",
    "MeetingRecord",
    "Production",
    "Requirement",
    "Routine",
    "Stage",
    "StepStatus",
    "TransitionSpec",
    "Wait",
    "allowed_triggers",
    "as_portfolio",
    "lifecycle_mermaid",
]
