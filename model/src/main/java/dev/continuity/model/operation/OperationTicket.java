package dev.continuity.model.operation;

import dev.continuity.model.plan.Mode;

/**
 * What the stamp answers to an accepted request.
 *
 * @param operationId the operation's workflow id (use it with approve, status, decide)
 * @param joined true when the request joined an operation that was already running
 */
public record OperationTicket(String operationId, String stamp, Mode mode, boolean joined) {}
