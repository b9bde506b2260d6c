package dev.continuity.model.report;

/**
 * Where the report went and what it says in one line.
 *
 * @param writtenBy the model deployment or "template" that wrote it
 */
public record ReportResult(String location, String summary, String writtenBy) {}
