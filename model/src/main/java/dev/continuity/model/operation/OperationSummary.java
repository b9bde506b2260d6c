package dev.continuity.model.operation;

import dev.continuity.model.plan.Mode;

/** One finished (or refused) operation in a stamp's history. */
public record OperationSummary(
    String operationId, Mode mode, Outcome outcome, long startedAtMillis, long endedAtMillis, String requestedBy, String note) {}
