package dev.continuity.activities;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.datafactory.fluent.IntegrationRuntimesClient;
import com.azure.resourcemanager.datafactory.fluent.PipelineRunsClient;
import com.azure.resourcemanager.datafactory.fluent.TriggersClient;
import com.azure.resourcemanager.datafactory.fluent.models.IntegrationRuntimeStatusResponseInner;
import com.azure.resourcemanager.datafactory.fluent.models.PipelineRunInner;
import com.azure.resourcemanager.datafactory.fluent.models.PipelineRunsQueryResponseInner;
import com.azure.resourcemanager.datafactory.fluent.models.SelfHostedIntegrationRuntimeNodeInner;
import com.azure.resourcemanager.datafactory.fluent.models.TriggerResourceInner;
import com.azure.resourcemanager.datafactory.models.IntegrationRuntimeState;
import com.azure.resourcemanager.datafactory.models.IntegrationRuntimeStatus;
import com.azure.resourcemanager.datafactory.models.RunFilterParameters;
import com.azure.resourcemanager.datafactory.models.RunQueryFilter;
import com.azure.resourcemanager.datafactory.models.RunQueryFilterOperand;
import com.azure.resourcemanager.datafactory.models.RunQueryFilterOperator;
import com.azure.resourcemanager.datafactory.models.SelfHostedIntegrationRuntimeNodeStatus;
import com.azure.resourcemanager.datafactory.models.SelfHostedIntegrationRuntimeStatus;
import com.azure.resourcemanager.datafactory.models.TriggerRuntimeState;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.DataFactoryActions;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Azure Data Factory: stopping and starting triggers, cancelling runs, and checking integration
 * runtimes before pipelines resume.
 *
 * <p>Trigger start/stop answer 200 synchronously in Data Factory (flagged long-running in the spec,
 * with no status protocol), so they are plain calls; a retry observes the trigger's runtimeState
 * first and only sends what is still needed.
 */
public final class DataFactoryActivities implements DataFactoryActions {
  static final String ROLE = "Data Factory Contributor on the factory";
  static final String RUNTIME_OFFLINE = "IntegrationRuntimeOffline";
  private static final Set<String> ACTIVE_RUNS = Set.of("Queued", "InProgress");
  private static final Set<String> SETTLED_RUNS = Set.of("Succeeded", "Failed", "Cancelled", "Canceled", "Cancelling", "Canceling");

  private final AzureClients clients;
  private final Clock clock;

  public DataFactoryActivities(AzureClients clients) {
    this(clients, Clock.systemUTC());
  }

  DataFactoryActivities(AzureClients clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  @Override
  public ActionResult stopTriggers(ActionRequest request) {
    return BestEffort.run(request, clients.config(), "triggers not stopped", () -> setTriggers(request, TriggerRuntimeState.STOPPED));
  }

  @Override
  public ActionResult startTriggers(ActionRequest request) {
    return setTriggers(request, TriggerRuntimeState.STARTED);
  }

  private ActionResult setTriggers(ActionRequest request, TriggerRuntimeState desired) {
    ArmId factory = ArmId.of(request);
    List<String> names = Params.list(request, "triggers");
    TriggersClient triggers = clients.dataFactory(factory.subscription()).serviceClient().getTriggers();
    List<String> changed = new ArrayList<>();
    for (String name : names) {
      String where = factory + "/triggers/" + name;
      if (desired.equals(state(triggers, factory, name, where))) continue;
      AzureCall.run(where, ROLE, () -> {
        if (desired.equals(TriggerRuntimeState.STARTED)) {
          triggers.beginStart(factory.resourceGroup(), factory.name(), name, Context.NONE).getFinalResult();
        } else {
          triggers.beginStop(factory.resourceGroup(), factory.name(), name, Context.NONE).getFinalResult();
        }
        return null;
      });
      TriggerRuntimeState after = state(triggers, factory, name, where);
      if (!desired.equals(after)) {
        throw AzureCall.notConverged("trigger " + name + " of " + factory.name() + " is " + after + ", not " + desired);
      }
      changed.add(name);
    }
    String verb = desired.equals(TriggerRuntimeState.STARTED) ? "started" : "stopped";
    Map<String, Object> facts = Map.of(verb, List.copyOf(changed));
    if (changed.isEmpty()) {
      return new ActionResult(false, "triggers " + names + " of " + factory.name() + " already " + verb, facts);
    }
    return new ActionResult(true, "triggers " + changed + " of " + factory.name() + " " + verb, facts);
  }

  @Override
  public ActionResult cancelPipelineRuns(ActionRequest request) {
    return BestEffort.run(request, clients.config(), "runs not cancelled", () -> cancelRuns(request));
  }

  private ActionResult cancelRuns(ActionRequest request) {
    ArmId factory = ArmId.of(request);
    List<String> pipelines = Params.optionalList(request, "pipelines");
    Integer hours = Params.optionalInteger(request, "lookbackHours", 1, 24 * 90);
    Duration lookback = Duration.ofHours(hours == null ? 24 : hours);
    PipelineRunsClient runs = clients.dataFactory(factory.subscription()).serviceClient().getPipelineRuns();

    List<PipelineRunInner> active = activeRuns(runs, factory, pipelines, lookback);
    if (active.isEmpty()) {
      return new ActionResult(false, "no queued or in-progress runs in " + factory.name(), Map.of("cancelledRuns", List.of()));
    }
    List<String> cancelled = new ArrayList<>();
    for (PipelineRunInner run : active) {
      String where = factory + "/pipelineruns/" + run.runId();
      try {
        runs.cancelWithResponse(factory.resourceGroup(), factory.name(), run.runId(), true, Context.NONE);
        cancelled.add(run.runId());
      } catch (ManagementException e) {
        // A run that ended between the query and the cancel is what we wanted anyway.
        if (!settled(runs, factory, run.runId(), where)) throw ArmFailures.translate(e, where, ROLE);
      } catch (RuntimeException e) {
        throw ArmFailures.translate(e, where, ROLE);
      }
    }
    List<PipelineRunInner> left = activeRuns(runs, factory, pipelines, lookback).stream()
        .filter(r -> !cancelled.contains(r.runId())).toList();
    if (!left.isEmpty()) {
      throw AzureCall.notConverged(left.size() + " run(s) of " + factory.name() + " still active after cancelling: "
          + left.stream().map(r -> r.pipelineName() + "/" + r.runId()).toList());
    }
    Map<String, Object> facts = Map.of("cancelledRuns", List.copyOf(cancelled));
    if (cancelled.isEmpty()) return new ActionResult(false, "the active runs of " + factory.name() + " ended by themselves", facts);
    return new ActionResult(true, "cancelled " + cancelled.size() + " run(s) in " + factory.name() + ": "
        + active.stream().map(PipelineRunInner::pipelineName).distinct().toList(), facts);
  }

  @Override
  public ActionResult checkIntegrationRuntime(ActionRequest request) {
    ArmId factory = ArmId.of(request);
    String name = Params.string(request, "integrationRuntime");
    Boolean allowLimitedParam = Params.optionalBool(request, "allowLimited");
    boolean allowLimited = allowLimitedParam != null && allowLimitedParam;
    IntegrationRuntimesClient runtimes = clients.dataFactory(factory.subscription()).serviceClient().getIntegrationRuntimes();
    String where = factory + "/integrationRuntimes/" + name;
    IntegrationRuntimeStatusResponseInner status = AzureCall.run(where, ROLE,
        () -> runtimes.getStatusWithResponse(factory.resourceGroup(), factory.name(), name, Context.NONE).getValue());
    IntegrationRuntimeStatus props = status == null ? null : status.properties();
    IntegrationRuntimeState state = props == null ? null : props.state();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("integrationRuntime", name);
    facts.put("type", props == null || props.type() == null ? null : props.type().toString());
    facts.put("state", state == null ? null : state.toString());
    int online = 0;
    int total = 0;
    if (props instanceof SelfHostedIntegrationRuntimeStatus selfHosted && selfHosted.nodes() != null) {
      for (SelfHostedIntegrationRuntimeNodeInner node : selfHosted.nodes()) {
        total++;
        if (SelfHostedIntegrationRuntimeNodeStatus.ONLINE.equals(node.status())) online++;
      }
      facts.put("nodesOnline", online);
      facts.put("nodes", total);
    }
    boolean healthy = IntegrationRuntimeState.ONLINE.equals(state) || IntegrationRuntimeState.STARTED.equals(state)
        || (allowLimited && IntegrationRuntimeState.LIMITED.equals(state));
    String summary = "integration runtime " + name + " of " + factory.name() + " is " + state
        + (total > 0 ? " (" + online + "/" + total + " nodes online)" : "");
    if (!healthy) {
      // Not retried: a runtime whose nodes are down needs an operator (start the nodes, or skip/abort).
      throw ApplicationFailure.newBuilder().setType(RUNTIME_OFFLINE).setNonRetryable(true)
          .setMessage(summary + ": pipelines must not resume on it" + (IntegrationRuntimeState.LIMITED.equals(state)
              ? " (set allowLimited: true to accept a runtime with some nodes offline)" : ""))
          .build();
    }
    return new ActionResult(false, summary, facts);
  }

  private List<PipelineRunInner> activeRuns(PipelineRunsClient runs, ArmId factory, List<String> pipelines, Duration lookback) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<RunQueryFilter> filters = new ArrayList<>();
    filters.add(new RunQueryFilter().withOperand(RunQueryFilterOperand.STATUS).withOperator(RunQueryFilterOperator.IN)
        .withValues(List.copyOf(ACTIVE_RUNS)));
    if (!pipelines.isEmpty()) {
      filters.add(new RunQueryFilter().withOperand(RunQueryFilterOperand.PIPELINE_NAME).withOperator(RunQueryFilterOperator.IN)
          .withValues(pipelines));
    }
    List<PipelineRunInner> out = new ArrayList<>();
    String token = null;
    do {
      RunFilterParameters query = new RunFilterParameters().withLastUpdatedAfter(now.minus(lookback))
          .withLastUpdatedBefore(now.plusMinutes(5)).withFilters(filters).withContinuationToken(token);
      PipelineRunsQueryResponseInner page = AzureCall.run(factory.id(), ROLE, () -> clients.dataFactory(factory.subscription())
          .serviceClient().getPipelineRuns().queryByFactoryWithResponse(factory.resourceGroup(), factory.name(), query, Context.NONE)
          .getValue());
      if (page == null) break;
      if (page.value() != null) {
        // The service filters by status; checking again keeps a lax filter from cancelling finished runs.
        page.value().stream().filter(r -> ACTIVE_RUNS.contains(r.status())).forEach(out::add);
      }
      token = page.continuationToken();
    } while (token != null && !token.isBlank());
    return out;
  }

  private static boolean settled(PipelineRunsClient runs, ArmId factory, String runId, String where) {
    PipelineRunInner run = AzureCall.run(where, ROLE,
        () -> runs.getWithResponse(factory.resourceGroup(), factory.name(), runId, Context.NONE).getValue());
    return run != null && SETTLED_RUNS.contains(run.status());
  }

  private static TriggerRuntimeState state(TriggersClient triggers, ArmId factory, String name, String where) {
    TriggerResourceInner t = AzureCall.run(where, ROLE,
        () -> triggers.getWithResponse(factory.resourceGroup(), factory.name(), name, null, Context.NONE).getValue());
    if (t == null || t.properties() == null) {
      throw ApplicationFailure.newNonRetryableFailure("trigger " + name + " of " + factory.name() + " not found", ArmFailures.NOT_FOUND);
    }
    return t.properties().runtimeState();
  }
}
