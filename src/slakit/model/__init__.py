"""The SLA document model (pydantic v2) and its typed values. Imports nothing else from slakit."""

from slakit.model.document import (
    AnyTarget,
    AnyTrigger,
    CadenceTarget,
    CalendarDef,
    CountTrigger,
    Definition,
    Document,
    Duplicates,
    Escalation,
    Expect,
    Holidays,
    InlineDefinition,
    Outcomes,
    Pause,
    QualityTarget,
    Raci,
    Report,
    ResponseTarget,
    Routing,
    RoutingCheck,
    RoutingRule,
    SinceTrigger,
    Source,
    TargetTrigger,
    UnmetTrigger,
    ref_name,
)
from slakit.model.values import DayRange, Duration, Percent, Requirement, Span

__all__ = [
    "AnyTarget", "AnyTrigger", "CadenceTarget", "CalendarDef", "CountTrigger", "DayRange",
    "Definition", "Document", "Duplicates", "Duration", "Escalation", "Expect", "Holidays",
    "InlineDefinition", "Outcomes", "Pause", "Percent", "QualityTarget", "Raci", "Report",
    "Requirement", "ResponseTarget", "Routing", "RoutingCheck", "RoutingRule", "SinceTrigger",
    "Source", "Span", "TargetTrigger", "UnmetTrigger", "ref_name",
]
