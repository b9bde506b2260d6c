package dev.continuity.starter;

import dev.continuity.model.estate.Severity;
import dev.continuity.model.plan.Mode;

/**
 * What someone asks for, before the plan is compiled: which stamp, which operation, and why.
 *
 * @param requestedBy an identity, "alert:<id>" or "schedule:<id>"
 * @param triggerId the alert or event behind the request, so a repeat of it joins instead of repeating
 */
public record OperationOrder(
    String stamp,
    Mode mode,
    Severity severity,
    boolean planned,
    String reason,
    String requestedBy,
    String triggerId,
    long triggeredAtMillis) {}
