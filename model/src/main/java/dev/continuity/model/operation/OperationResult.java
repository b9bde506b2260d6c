package dev.continuity.model.operation;

import dev.continuity.model.timeline.Timeline;

/**
 * The result of a failover, failback or drill.
 *
 * @param activeRegion the region serving the stamp after the operation, as far as the program knows
 * @param reportLocation where the DR report was written (a path or URL), null if it could not be
 */
public record OperationResult(
    String operationId, Outcome outcome, String activeRegion, String summary, String reportLocation, Timeline timeline) {}
