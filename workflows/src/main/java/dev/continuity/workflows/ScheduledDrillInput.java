package dev.continuity.workflows;

/**
 * The fixed arguments a drill schedule starts {@link ScheduledDrillWorkflow} with.
 *
 * @param scheduleId the schedule's id, for the drill's reason and "schedule:&lt;id&gt;" identity
 * @param requestedBy who the drill runs as (the identity approvals and the report name)
 */
public record ScheduledDrillInput(String stamp, String scheduleId, String requestedBy, String reason) {}
