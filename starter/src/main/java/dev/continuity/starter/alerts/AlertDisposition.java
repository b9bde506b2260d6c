package dev.continuity.starter.alerts;

/**
 * What became of one signal for one stamp.
 *
 * @param outcome started, joined, declined (the stamp refused: cooldown, already failed over, ...),
 *     replay, unmatched, resolved (recorded), withdrawn (a waiting failover rejected), informational
 * @param stamp the stamp, or null when none matched
 * @param operationId the operation started, joined or withdrawn, when there is one
 */
public record AlertDisposition(String alertId, String outcome, String stamp, String operationId, String detail) {}
