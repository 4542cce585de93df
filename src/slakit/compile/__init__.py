"""Model -> compiled rules: references resolved, calendars built (``compile_document``)."""

from slakit.compile.build import compile_document
from slakit.compile.rules import (
    Budget,
    CadenceRule,
    Conditions,
    CountTrigger,
    DuplicateRule,
    EscalationRule,
    ExpectRule,
    Matcher,
    Need,
    OutcomeRule,
    PauseRule,
    QualityRule,
    Ref,
    ResponseRule,
    RouteRule,
    RoutingRules,
    SinceTrigger,
    StageRule,
    TargetRule,
    TargetTrigger,
    Trigger,
    UnmetTrigger,
    conditions_hold,
    need_text,
    unmet_needs,
)
from slakit.compile.sla import ALWAYS_OPEN, AgedLead, CompiledSla, CompileError

__all__ = [
    "ALWAYS_OPEN", "AgedLead", "Budget", "CadenceRule", "CompileError", "CompiledSla",
    "Conditions", "CountTrigger", "DuplicateRule", "EscalationRule", "ExpectRule", "Matcher",
    "Need", "OutcomeRule", "PauseRule", "QualityRule", "Ref", "ResponseRule", "RouteRule",
    "RoutingRules", "SinceTrigger", "StageRule", "TargetRule", "TargetTrigger", "Trigger",
    "UnmetTrigger", "compile_document", "conditions_hold", "need_text", "unmet_needs",
]
