package dev.continuity.model.config;

import dev.continuity.model.estate.TimeoutOutcome;
import dev.continuity.model.plan.GateCondition;
import java.time.Duration;
import java.util.List;

/**
 * An approval gate as written in a runbook. Null fields take the stamp's defaults when the plan is
 * compiled (approvers from {@code stamp.approvers}, the rest from {@code stamp.approval}).
 *
 * @param when when the gate waits; {@link GateCondition#ALWAYS} when not written
 * @param line the line of the {@code approval:} key
 */
public record StepApproval(
    GateCondition when,
    List<String> approvers,
    Duration timeout,
    TimeoutOutcome onTimeout,
    List<String> escalateTo,
    int line) {}
