package dev.continuity.model.operation;

import java.util.List;

/**
 * What a stamp entity knows, returned by its query and carried across continue-as-new.
 *
 * @param activeRegion the region serving the stamp now
 * @param currentOperation the running operation's id, or null when idle
 * @param cooldownUntilMillis no new operation is accepted before this time (epoch millis)
 * @param history the latest operations, newest last (bounded)
 * @param sequence how many operations this stamp has run, used in operation ids
 */
public record StampState(
    String stamp,
    String activeRegion,
    String currentOperation,
    String currentMode,
    long cooldownUntilMillis,
    List<OperationSummary> history,
    long sequence) {}
