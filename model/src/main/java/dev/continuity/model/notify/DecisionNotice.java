package dev.continuity.model.notify;

/** A step spent its retries and waits for an operator to choose retry, skip or abort. */
public record DecisionNotice(String operationId, String stamp, String mode, String step, int attempts, String error) {}
