package dev.continuity.model.operation;

/** An operator's decision for a failed step, sent as an Update (CLI) or a Signal (Web UI). */
public record DecisionRequest(String step, StepDecision decision, String operator, String comment) {}
