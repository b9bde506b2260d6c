package dev.continuity.model.operation;

/**
 * A human's answer to an approval gate, sent as an Update (CLI) or a Signal (Web UI).
 *
 * @param step the gate's step id; may be null when exactly one gate is waiting
 * @param approve true to approve, false to reject
 * @param approver the identity deciding, e.g. "alice@contoso.com"
 */
public record ApprovalRequest(String step, boolean approve, String approver, String comment) {}
