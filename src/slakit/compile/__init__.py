"""Model -> compiled rules: references resolved, calendars built (``compile_document``)."""

from slakit.compile.build import (
    ALWAYS_OPEN,
    PII_NAMES,
    CompiledSla,
    CompileError,
    compile_document,
    pii_key,
)
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

__all__ = [
    "ALWAYS_OPEN", "PII_NAMES", "Budget", "CadenceRule", "CompileError", "CompiledSla",
    "Conditions", "CountTrigger", "DuplicateRule", "EscalationRule", "ExpectRule", "Matcher",
    "Need", "OutcomeRule", "PauseRule", "QualityRule", "Ref", "ResponseRule", "RouteRule",
    "RoutingRules", "SinceTrigger", "StageRule", "TargetRule", "TargetTrigger", "Trigger",
    "UnmetTrigger", "compile_document", "conditions_hold", "need_text", "pii_key", "unmet_needs",
]
