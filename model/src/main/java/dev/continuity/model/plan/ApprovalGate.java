package dev.continuity.model.plan;

import dev.continuity.model.estate.TimeoutOutcome;
import java.time.Duration;
import java.util.List;

/**
 * An approval gate frozen into a plan. Group names are already resolved to identities, so the
 * workflow decides who may approve without reading the inventory.
 *
 * @param approvers the approvers as written (for display), e.g. "group:dr-leads"
 * @param allowed identities that may approve or reject this gate
 * @param escalation identities added when the gate escalates on timeout
 */
public record ApprovalGate(
    GateCondition when,
    List<String> approvers,
    List<String> allowed,
    Duration timeout,
    TimeoutOutcome onTimeout,
    List<String> escalation) {}
