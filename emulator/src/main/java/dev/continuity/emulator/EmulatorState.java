package dev.continuity.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the emulator knows, as one document: it is what the state file holds, so a restarted
 * emulator carries on with the same estate, operations in flight, journal, region health and faults.
 */
public final class EmulatorState {
  /** ARM documents by lower-cased resource ID (top-level resources and their child resources). */
  public Map<String, ObjectNode> resources = new LinkedHashMap<>();
  /** What the emulator knows about a resource beyond its ARM body, by lower-cased resource ID. */
  public Map<String, ResourceFacts> facts = new LinkedHashMap<>();
  public Map<String, Operation> operations = new LinkedHashMap<>();
  /** Poll URL token (last path segment) to [operation id, "async" | "location"]. */
  public Map<String, String[]> pollTokens = new LinkedHashMap<>();
  public List<JournalEntry> journal = new ArrayList<>();
  public Map<String, RegionStatus> regions = new TreeMap<>();
  /** vantage point -> region -> "down" | "up": how that vantage point sees the region, whatever its real health. */
  public Map<String, Map<String, String>> partitions = new TreeMap<>();
  /** Health URL -> region, from the inventory's healthProbe resources. */
  public Map<String, String> probeTargets = new LinkedHashMap<>();
  public FaultSettings faults = new FaultSettings();
  public double timeScale = 0.01;
  public double defaultLagSeconds = 5;
  /** Provider namespace -> api-versions clients sent. */
  public Map<String, TreeSet<String>> apiVersionsSeen = new TreeMap<>();
  public long journalSeq;

  /** Facts about one resource that ARM does not show directly. */
  public static final class ResourceFacts {
    public String kind;
    /** The region the resource lives in (for global resources: null). */
    public String region;
    /** Replication lag in seconds for data services (null: the emulator default). */
    public Double lagSeconds;
    public String stamp;

    public ResourceFacts() {}

    ResourceFacts(String kind, String region, String stamp) {
      this.kind = kind;
      this.region = region;
      this.stamp = stamp;
    }
  }

  public static final class RegionStatus {
    public boolean down;
    public Instant downSince;
    public boolean degraded;
  }

  public static final class FaultSettings {
    public double rate;
    public long seed = 42;
    /** How many draws were made from the seeded sequence: a restarted emulator continues it. */
    public long draws;
    public long injected;
  }

  /** A long-running operation: what it will do, when, and how it ended. */
  public static final class Operation {
    public String id;
    public String type;
    public String resourceId;
    public String namespace;
    public String location;
    public ObjectNode params;
    public Instant startTime;
    public Instant dueTime;
    /** InProgress, Succeeded, Failed. */
    public String status = "InProgress";
    public Instant endTime;
    /** Final HTTP status of the Location URL (200 or 204) when Succeeded; the error status when Failed. */
    public int resultStatus;
    public ObjectNode result;
    public ObjectNode error;
    public String asyncToken;
    public String locationToken;
  }

  /** One change made to the estate. */
  public static final class JournalEntry {
    public long seq;
    public Instant time;
    public String resourceId;
    public String operation;
    public String before;
    public String after;
    public String operationId;
    /** Seconds of writes lost by an unplanned failover (null when none could be lost). */
    public Double dataLossSeconds;
  }
}
