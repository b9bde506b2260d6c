package dev.continuity.starter;

import java.time.Instant;

/** One operation in a list, from the search attributes its workflow keeps current. */
public record OperationListing(
    String operationId,
    String workflowType,
    String execution,
    String stamp,
    String operation,
    String phase,
    boolean awaitingApproval,
    Instant startedAt,
    Instant closedAt) {}
