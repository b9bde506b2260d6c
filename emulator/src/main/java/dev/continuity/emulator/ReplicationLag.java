package dev.continuity.emulator;

import dev.continuity.emulator.EmulatorState.ResourceFacts;
import java.time.Instant;

/**
 * Replication of data services, modelled as a steady stream of writes in the primary region that
 * reach the secondary {@code lag} seconds later. Writes stop when the primary region goes down, so
 * the secondary holds everything up to (primary down time - lag): an unplanned failover loses the
 * writes after the last sync.
 */
final class ReplicationLag {
  private final Estate estate;

  ReplicationLag(Estate estate) {
    this.estate = estate;
  }

  double lagSeconds(String resourceId) {
    ResourceFacts f = estate.facts(resourceId);
    return f != null && f.lagSeconds != null ? f.lagSeconds : estate.state().defaultLagSeconds;
  }

  /** The last write the primary accepted: now, or the moment its region went down. */
  Instant writeHorizon(String primaryRegion) {
    Instant down = estate.regions.downSince(primaryRegion);
    return down != null ? down : estate.now();
  }

  Instant lastSyncTime(String resourceId, String primaryRegion) {
    return writeHorizon(primaryRegion).minusMillis(Math.round(lagSeconds(resourceId) * 1000));
  }

  /** Seconds of writes an unplanned failover away from {@code primaryRegion} loses now. */
  double dataLossSeconds(String resourceId, String primaryRegion) {
    Instant horizon = writeHorizon(primaryRegion);
    return (horizon.toEpochMilli() - lastSyncTime(resourceId, primaryRegion).toEpochMilli()) / 1000.0;
  }
}
