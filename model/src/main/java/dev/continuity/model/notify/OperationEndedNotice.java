package dev.continuity.model.notify;

/**
 * An operation ended; its report is written.
 *
 * @param summary the report's executive summary
 * @param reportLocation where the report is (a path or URL)
 */
public record OperationEndedNotice(
    String operationId, String stamp, String mode, String outcome, String summary, String reportLocation,
    String writtenBy) {}
