package dev.continuity.model.actions;

/** Fact keys that workflows read from action results; all others are for the report only. */
public final class Facts {
  /** Boolean from outage probes: a quorum of vantage points sees the region down. */
  public static final String OUTAGE_CONFIRMED = "outageConfirmed";
  /** Number of seconds of writes an unplanned failover would lose now (replication lag). */
  public static final String EXPECTED_DATA_LOSS_SECONDS = "expectedDataLossSeconds";
  /** ISO-8601 time of the last replication sync read from a data service. */
  public static final String LAST_SYNC_TIME = "lastSyncTime";

  private Facts() {}
}
