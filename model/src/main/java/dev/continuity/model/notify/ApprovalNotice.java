package dev.continuity.model.notify;

import java.util.List;

/** An approval gate waits for a human. */
public record ApprovalNotice(
    String operationId, String stamp, String mode, String step, String severity, String reason,
    List<String> approvers, String fromRegion, String toRegion) {}
