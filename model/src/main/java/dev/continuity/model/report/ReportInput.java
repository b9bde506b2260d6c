package dev.continuity.model.report;

import dev.continuity.model.plan.Plan;
import dev.continuity.model.timeline.Timeline;

/** What the report activity is given: the frozen plan and the finished timeline. */
public record ReportInput(Plan plan, Timeline timeline) {}
