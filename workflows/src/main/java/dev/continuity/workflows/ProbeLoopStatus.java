package dev.continuity.workflows;

/**
 * Where a stamp's probe loop stands (its query, and the state it carries across continue-as-new).
 *
 * @param rounds probe rounds since the loop started, across runs
 * @param failedInARow rounds in a row in which a quorum of vantage points saw the region fail
 * @param raised true once this outage asked the stamp for a failover; cleared by a healthy round,
 *     so one outage asks once however long it lasts
 * @param lastRound what the last round saw (the probe's own account)
 * @param alarms times the loop asked the stamp for a failover
 * @param lastAlarm what the stamp answered the last time (started, joined or declined, and why)
 * @param lastChange the last change of its settings while it ran (what changed, at which round, and
 *     whether the streak was kept or restarted), or null when it runs with the settings it started with
 */
public record ProbeLoopStatus(
    String stamp,
    String region,
    long rounds,
    int failedInARow,
    boolean raised,
    long lastRoundAtMillis,
    String lastRound,
    int alarms,
    String lastAlarm,
    boolean stopping,
    String lastChange) {

  static ProbeLoopStatus start(String stamp, String region) {
    return new ProbeLoopStatus(stamp, region, 0, 0, false, 0, null, 0, null, false, null);
  }
}
