package dev.continuity.model.estate;

import java.time.Duration;

/**
 * How the built-in probe loop of a stamp decides that its primary region is down: every
 * {@code interval} it probes the health endpoints of the probe resource {@code probe} from each
 * vantage point; a round fails when at least {@code quorum} vantage points see a failure; after
 * {@code consecutiveFailures} failed rounds in a row it asks the stamp for a failover with
 * {@code severity}, which the stamp's severity policy turns into automatic or approval-gated.
 *
 * @param probe logical name of the stamp's healthProbe resource, or null for its only one
 * @param quorum vantage points that must agree, or null for a majority of them
 */
public record Detection(String probe, Duration interval, int consecutiveFailures, Integer quorum, Severity severity) {
  public static final Detection DEFAULT = new Detection(null, Duration.ofSeconds(5), 3, null, Severity.Sev1);
}
