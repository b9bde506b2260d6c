package dev.continuity.model.timeline;

/** One dated entry of a timeline. */
public record TimelineEvent(long atMillis, EventKind kind, String step, String who, String detail) {}
