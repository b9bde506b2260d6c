package dev.continuity.workflows;

import dev.continuity.model.estate.Severity;
import dev.continuity.model.plan.ResourceRef;
import java.time.Duration;

/**
 * What a stamp's probe loop watches and how it decides, frozen when the loop starts (restart it
 * to pick up an edited inventory).
 *
 * @param probe the stamp's healthProbe resource: its endpoints by region and its vantage points
 * @param quorum vantage points that must see a failure in one round, or null for a majority
 * @param roundsPerRun rounds before the loop continues as new, which bounds its history
 * @param carried the loop's state from the previous run, or null when it starts
 */
public record ProbeLoopInput(
    String stamp,
    ResourceRef probe,
    String primaryRegion,
    String secondaryRegion,
    Duration interval,
    int consecutiveFailures,
    Integer quorum,
    Severity severity,
    int roundsPerRun,
    ProbeLoopStatus carried) {

  public static final int DEFAULT_ROUNDS_PER_RUN = 500;

  ProbeLoopInput carrying(ProbeLoopStatus status) {
    return new ProbeLoopInput(stamp, probe, primaryRegion, secondaryRegion, interval, consecutiveFailures, quorum, severity,
        roundsPerRun, status);
  }
}
