package dev.continuity.activities;

import com.azure.core.util.Context;
import com.azure.resourcemanager.containerservice.fluent.AgentPoolsClient;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.Code;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.AksActions;
import java.util.Objects;

/** AKS: the warm standby's node pool size and the cluster's power state. */
public final class AksActivities implements AksActions {
  static final String ROLE = "Azure Kubernetes Service Contributor Role on the cluster";

  private final AzureClients clients;
  private final ResumableOperation operations;

  public AksActivities(AzureClients clients, ActivitiesConfig config) {
    this.clients = clients;
    this.operations = new ResumableOperation(clients.pipeline(), config);
  }

  @Override
  public ActionResult scaleAgentPool(ActionRequest request) {
    ArmId cluster = ArmId.of(request);
    String pool = Params.string(request, "agentPool");
    int count = Params.integer(request, "count", 0, 1000);
    AgentPoolsClient pools = clients.aks(cluster.subscription()).serviceClient().getAgentPools();
    String where = cluster + "/agentPools/" + pool;

    var pending = ResumableOperation.pending(request.action(), where);
    Integer before = null;
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      AgentPoolInner current = getPool(pools, cluster, pool, where);
      before = current.count();
      if (Objects.equals(before, count)) {
        return ActionResult.unchanged("node pool " + pool + " already has " + count + " nodes");
      }
      // The agent pool PUT takes the whole pool; only the count differs from what was read.
      AgentPoolInner desired = current.withCount(count);
      operations.start(request.action(), where, ROLE, () -> pools.createOrUpdateWithResponseAsync(
          cluster.resourceGroup(), cluster.name(), pool, desired, null, null));
    }
    Integer after = getPool(pools, cluster, pool, where).count();
    if (!Objects.equals(after, count)) {
      throw AzureCall.notConverged("node pool " + pool + " has " + after + " nodes after scaling to " + count);
    }
    return ActionResult.changed("node pool " + pool + " scaled " + (before == null ? "(resumed operation)" : before) + " -> " + count);
  }

  @Override
  public ActionResult startCluster(ActionRequest request) {
    return setPower(request, Code.RUNNING);
  }

  @Override
  public ActionResult stopCluster(ActionRequest request) {
    return setPower(request, Code.STOPPED);
  }

  private ActionResult setPower(ActionRequest request, Code desired) {
    ArmId cluster = ArmId.of(request);
    ManagedClustersClient clusters = clients.aks(cluster.subscription()).serviceClient().getManagedClusters();
    var pending = ResumableOperation.pending(request.action(), cluster.id());
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      Code now = power(getCluster(clusters, cluster));
      if (desired.equals(now)) {
        return ActionResult.unchanged("cluster " + cluster.name() + " already " + desired);
      }
      operations.start(request.action(), cluster.id(), ROLE, () -> desired.equals(Code.RUNNING)
          ? clusters.startWithResponseAsync(cluster.resourceGroup(), cluster.name())
          : clusters.stopWithResponseAsync(cluster.resourceGroup(), cluster.name()));
    }
    Code after = power(getCluster(clusters, cluster));
    if (!desired.equals(after)) {
      throw AzureCall.notConverged("cluster " + cluster.name() + " is " + after + ", not " + desired + ", after the operation");
    }
    return ActionResult.changed("cluster " + cluster.name() + " now " + desired);
  }

  private static Code power(ManagedClusterInner cluster) {
    return cluster.powerState() == null ? null : cluster.powerState().code();
  }

  private static AgentPoolInner getPool(AgentPoolsClient pools, ArmId cluster, String pool, String where) {
    return AzureCall.run(where, ROLE,
        () -> pools.getWithResponse(cluster.resourceGroup(), cluster.name(), pool, Context.NONE).getValue());
  }

  private static ManagedClusterInner getCluster(ManagedClustersClient clusters, ArmId cluster) {
    return AzureCall.run(cluster.id(), ROLE,
        () -> clusters.getByResourceGroupWithResponse(cluster.resourceGroup(), cluster.name(), Context.NONE).getValue());
  }
}
