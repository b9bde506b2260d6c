package dev.continuity.activities;

import com.azure.core.util.Context;
import com.azure.resourcemanager.cosmos.fluent.DatabaseAccountsClient;
import com.azure.resourcemanager.cosmos.fluent.models.DatabaseAccountGetResultsInner;
import com.azure.resourcemanager.cosmos.models.DefaultConsistencyLevel;
import com.azure.resourcemanager.cosmos.models.FailoverPolicies;
import com.azure.resourcemanager.cosmos.models.FailoverPolicy;
import com.azure.resourcemanager.cosmos.models.Location;
import com.azure.resourcemanager.cosmos.models.RegionForOnlineOffline;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.CosmosDbActions;
import dev.continuity.model.actions.Facts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cosmos DB accounts: which region takes writes, which regions serve, and how far replication lags.
 *
 * <p>A region taken offline drops out of the account's readLocations while it stays in its
 * failoverPolicies; that is what offline/online observe.
 */
public final class CosmosDbActivities implements CosmosDbActions {
  static final String ROLE = "Cosmos DB Operator (or DocumentDB Account Contributor) on the account";
  /** Azure Monitor metric of the replication latency between regions, in milliseconds. */
  static final String LAG_METRIC = "ReplicationLatency";

  private final AzureClients clients;
  private final ResumableOperation operations;
  private final Clock clock;

  public CosmosDbActivities(AzureClients clients, ActivitiesConfig config) {
    this(clients, config, Clock.systemUTC());
  }

  CosmosDbActivities(AzureClients clients, ActivitiesConfig config, Clock clock) {
    this.clients = clients;
    this.operations = new ResumableOperation(clients.pipeline(), config);
    this.clock = clock;
  }

  @Override
  public ActionResult setWriteRegion(ActionRequest request) {
    ArmId id = ArmId.of(request);
    String region = Params.string(request, "region");
    DatabaseAccountsClient accounts = accounts(id);
    var pending = ResumableOperation.pending(request.action(), id.id());
    String before = null;
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      DatabaseAccountGetResultsInner account = get(accounts, id);
      before = writeRegion(account);
      if (Regions.same(before, region)) {
        return ActionResult.unchanged("write region of " + id.name() + " already " + before);
      }
      List<FailoverPolicy> order = reorder(request, account, region);
      operations.start(request.action(), id.id(), ROLE, () -> accounts.failoverPriorityChangeWithResponseAsync(
          id.resourceGroup(), id.name(), new FailoverPolicies().withFailoverPolicies(order)));
    }
    String after = writeRegion(get(accounts, id));
    if (!Regions.same(after, region)) {
      throw AzureCall.notConverged("write region of " + id.name() + " is " + after + ", not " + region + ", after the failover");
    }
    return ActionResult.changed("write region of " + id.name() + (before == null ? " (resumed operation)" : " " + before) + " -> " + after);
  }

  @Override
  public ActionResult setRegionOffline(ActionRequest request) {
    return setRegionServing(request, false);
  }

  @Override
  public ActionResult setRegionOnline(ActionRequest request) {
    return setRegionServing(request, true);
  }

  private ActionResult setRegionServing(ActionRequest request, boolean online) {
    ArmId id = ArmId.of(request);
    String region = Params.string(request, "region");
    String state = online ? "online" : "offline";
    DatabaseAccountsClient accounts = accounts(id);
    var pending = ResumableOperation.pending(request.action(), id.id());
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      DatabaseAccountGetResultsInner account = get(accounts, id);
      String name = configuredRegion(request, account, region);
      if (serving(account, region) == online) {
        return ActionResult.unchanged("region " + name + " of " + id.name() + " already " + state);
      }
      RegionForOnlineOffline body = new RegionForOnlineOffline().withRegion(name);
      operations.start(request.action(), id.id(), ROLE, () -> online
          ? accounts.onlineRegionWithResponseAsync(id.resourceGroup(), id.name(), body)
          : accounts.offlineRegionWithResponseAsync(id.resourceGroup(), id.name(), body));
    }
    if (serving(get(accounts, id), region) != online) {
      throw AzureCall.notConverged("region " + region + " of " + id.name() + " is not " + state + " after the operation");
    }
    return ActionResult.changed("region " + region + " of " + id.name() + " taken " + state);
  }

  @Override
  public ActionResult readReplication(ActionRequest request) {
    ArmId id = ArmId.of(request);
    DatabaseAccountGetResultsInner account = get(accounts(id), id);
    Map<String, Object> facts = new LinkedHashMap<>();
    String write = writeRegion(account);
    facts.put("writeRegion", write);
    facts.put("readRegions", names(account.readLocations()));
    DefaultConsistencyLevel consistency = account.consistencyPolicy() == null ? null
        : account.consistencyPolicy().defaultConsistencyLevel();
    facts.put("consistency", consistency == null ? null : consistency.toString());

    Instant now = clock.instant();
    Double lagSeconds = measuredLagSeconds(id, now);
    String source = "measured " + LAG_METRIC;
    if (lagSeconds == null) {
      lagSeconds = consistencyBound(account);
      source = "bound of " + consistency + " consistency";
    }
    if (lagSeconds == null) {
      return new ActionResult(false, "write region " + write + "; replication lag unknown (no " + LAG_METRIC
          + " metric and " + consistency + " consistency sets no bound)", facts);
    }
    long seconds = (long) Math.ceil(lagSeconds);
    facts.put(Facts.EXPECTED_DATA_LOSS_SECONDS, seconds);
    facts.put(Facts.LAST_SYNC_TIME, now.minusMillis((long) (lagSeconds * 1000)).toString());
    return new ActionResult(false, "write region " + write + "; expected data loss " + seconds + " s (" + source + ")", facts);
  }

  /** The replication latency of the last five minutes from Azure Monitor (reported in ms), or null when there is none. */
  private Double measuredLagSeconds(ArmId id, Instant now) {
    Double millis = ReplicaLagMetric.max(clients, id, LAG_METRIC, "Monitoring Reader on the account", now);
    return millis == null ? null : millis / 1000.0;
  }


  private static Double consistencyBound(DatabaseAccountGetResultsInner account) {
    if (account.consistencyPolicy() == null) return null;
    DefaultConsistencyLevel level = account.consistencyPolicy().defaultConsistencyLevel();
    if (DefaultConsistencyLevel.STRONG.equals(level)) return 0.0;
    if (DefaultConsistencyLevel.BOUNDED_STALENESS.equals(level) && account.consistencyPolicy().maxIntervalInSeconds() != null) {
      return account.consistencyPolicy().maxIntervalInSeconds().doubleValue();
    }
    return null;
  }

  private static List<FailoverPolicy> reorder(ActionRequest request, DatabaseAccountGetResultsInner account, String region) {
    List<FailoverPolicy> current = new ArrayList<>(account.failoverPolicies() == null ? List.of() : account.failoverPolicies());
    current.sort(Comparator.comparing(p -> p.failoverPriority() == null ? Integer.MAX_VALUE : p.failoverPriority()));
    String name = configuredRegion(request, account, region);
    List<FailoverPolicy> order = new ArrayList<>();
    order.add(new FailoverPolicy().withLocationName(name).withFailoverPriority(0));
    for (FailoverPolicy p : current) {
      if (!Regions.same(p.locationName(), region)) {
        order.add(new FailoverPolicy().withLocationName(p.locationName()).withFailoverPriority(order.size()));
      }
    }
    return order;
  }

  /** The account's own spelling of the region; a region the account does not have fails the step for good. */
  private static String configuredRegion(ActionRequest request, DatabaseAccountGetResultsInner account, String region) {
    List<String> known = new ArrayList<>();
    if (account.failoverPolicies() != null) account.failoverPolicies().forEach(p -> known.add(p.locationName()));
    if (known.isEmpty() && account.locations() != null) account.locations().forEach(l -> known.add(l.locationName()));
    return known.stream().filter(k -> Regions.same(k, region)).findFirst()
        .orElseThrow(() -> Params.bad(request, "region", "names a region the account does not have: " + region + " (it has " + known + ")"));
  }

  private static boolean serving(DatabaseAccountGetResultsInner account, String region) {
    return account.readLocations() != null && account.readLocations().stream().anyMatch(l -> Regions.same(l.locationName(), region));
  }

  static String writeRegion(DatabaseAccountGetResultsInner account) {
    if (account.writeLocations() != null && !account.writeLocations().isEmpty()) {
      return account.writeLocations().get(0).locationName();
    }
    if (account.failoverPolicies() != null) {
      return account.failoverPolicies().stream().filter(p -> Integer.valueOf(0).equals(p.failoverPriority()))
          .map(FailoverPolicy::locationName).findFirst().orElse(null);
    }
    return null;
  }

  private static List<String> names(List<Location> locations) {
    return locations == null ? List.of() : locations.stream().map(Location::locationName).toList();
  }

  private DatabaseAccountsClient accounts(ArmId id) {
    return clients.cosmos(id.subscription()).serviceClient().getDatabaseAccounts();
  }

  private static DatabaseAccountGetResultsInner get(DatabaseAccountsClient accounts, ArmId id) {
    return AzureCall.run(id.id(), ROLE,
        () -> accounts.getByResourceGroupWithResponse(id.resourceGroup(), id.name(), Context.NONE).getValue());
  }
}
