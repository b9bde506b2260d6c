package dev.continuity.workflows;

import dev.continuity.model.estate.Severity;
import dev.continuity.model.plan.ResourceRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a stamp's probe loop watches and how it decides: its input when it starts, and the settings
 * a running loop takes over through {@link StampProbeWorkflow#reconfigure} after the inventory's
 * {@code detection:} block was edited (applied between rounds; see docs/detection.md).
 *
 * @param probe the stamp's healthProbe resource: its endpoints by region and its vantage points
 * @param quorum vantage points that must see a failure in one round, or null for a majority
 * @param roundsPerRun rounds before the loop continues as new, which bounds its history
 * @param carried the loop's state from the previous run, or null when it starts (ignored by reconfigure)
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

  /** Why a running loop cannot take these settings, or null when it can (checked again by the loop's update validator). */
  public String problem() {
    if (stamp == null || stamp.isBlank()) return "the settings name no stamp";
    if (probe == null) return "the settings name no probe resource";
    if (primaryRegion == null || primaryRegion.isBlank()) return "the settings name no primary region";
    if (interval == null || interval.isNegative() || interval.isZero()) return "interval must be positive, not " + interval;
    if (consecutiveFailures < 1) return "consecutiveFailures must be at least 1, not " + consecutiveFailures;
    if (quorum != null && quorum < 1) return "quorum must be at least 1, not " + quorum;
    List<?> vantages = probe.properties() == null ? null
        : probe.properties().get("vantagePoints") instanceof List<?> l ? l : null;
    if (quorum != null && vantages != null && quorum > vantages.size()) {
      return "quorum is " + quorum + " but probe " + probe.name() + " has only " + vantages.size() + " vantage points";
    }
    if (severity == null) return "the settings name no severity";
    if (roundsPerRun < 1) return "roundsPerRun must be at least 1, not " + roundsPerRun;
    return null;
  }

  /** What differs from this loop's settings in {@code next}, one line each ("consecutiveFailures 3 -> 2"); empty when nothing does. */
  public List<String> changesTo(ProbeLoopInput next) {
    List<String> changes = new ArrayList<>();
    String was = probe == null ? null : probe.name();
    String will = next.probe == null ? null : next.probe.name();
    if (!Objects.equals(was, will)) changes.add("probe " + was + " -> " + will);
    else if (!Objects.equals(probe, next.probe)) changes.add("probe " + will + ": its endpoints or vantage points");
    if (!Objects.equals(primaryRegion, next.primaryRegion)) changes.add("primary region " + primaryRegion + " -> " + next.primaryRegion);
    if (!Objects.equals(secondaryRegion, next.secondaryRegion)) {
      changes.add("secondary region " + secondaryRegion + " -> " + next.secondaryRegion);
    }
    if (!Objects.equals(interval, next.interval)) changes.add("interval " + seconds(interval) + " -> " + seconds(next.interval));
    if (consecutiveFailures != next.consecutiveFailures) {
      changes.add("consecutiveFailures " + consecutiveFailures + " -> " + next.consecutiveFailures);
    }
    if (!Objects.equals(quorum, next.quorum)) changes.add("quorum " + quorum(quorum) + " -> " + quorum(next.quorum));
    if (severity != next.severity) changes.add("severity " + severity + " -> " + next.severity);
    if (roundsPerRun != next.roundsPerRun) changes.add("roundsPerRun " + roundsPerRun + " -> " + next.roundsPerRun);
    return changes;
  }

  /** True when {@code next} watches something else (another probe, its endpoints, another region): a streak of this one proves nothing there. */
  boolean watchesOtherThan(ProbeLoopInput next) {
    return !Objects.equals(probe, next.probe) || !Objects.equals(primaryRegion, next.primaryRegion);
  }

  private static String seconds(Duration d) {
    if (d == null) return "none";
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String quorum(Integer q) {
    return q == null ? "majority" : String.valueOf(q);
  }
}
