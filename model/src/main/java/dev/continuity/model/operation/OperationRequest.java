package dev.continuity.model.operation;

import dev.continuity.model.estate.Severity;
import dev.continuity.model.plan.Plan;

/**
 * Asks a stamp to run an operation. Built by a starter (CLI, alert, schedule) with the plan
 * already compiled.
 *
 * @param planned true for a planned operation (both regions up, no data loss allowed)
 * @param requestedBy who or what asked: an identity, "alert:<id>" or "schedule:<id>"
 * @param triggerId id of the alert or event that caused it, so the same trigger joins rather than repeats
 * @param triggeredAtMillis when the trigger happened (epoch millis), the start of the measured RTO
 */
public record OperationRequest(
    Plan plan,
    Severity severity,
    boolean planned,
    String reason,
    String requestedBy,
    String triggerId,
    long triggeredAtMillis) {}
