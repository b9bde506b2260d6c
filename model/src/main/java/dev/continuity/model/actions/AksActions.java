package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** AKS clusters: node pools and cluster power state. */
@ActivityInterface
public interface AksActions {

  @ActivityMethod(name = "aks.scaleAgentPool")
  @ActionDoc(target = "aks", summary = "Scale a node pool to a node count.", expectedSeconds = 180, longRunning = true,
      permissions = {
        "Microsoft.ContainerService/managedClusters/agentPools/read",
        "Microsoft.ContainerService/managedClusters/agentPools/write",
        "Microsoft.ContainerService/locations/operations/read",
        "Microsoft.ContainerService/locations/operationresults/read"},
      params = {
        @Param(name = "agentPool", doc = "node pool name"),
        @Param(name = "count", doc = "desired node count")
      })
  ActionResult scaleAgentPool(ActionRequest request);

  @ActivityMethod(name = "aks.startCluster")
  @ActionDoc(target = "aks", summary = "Start a stopped cluster.", expectedSeconds = 300, longRunning = true,
      permissions = {
        "Microsoft.ContainerService/managedClusters/read",
        "Microsoft.ContainerService/managedClusters/start/action",
        "Microsoft.ContainerService/locations/operations/read",
        "Microsoft.ContainerService/locations/operationresults/read"})
  ActionResult startCluster(ActionRequest request);

  @ActivityMethod(name = "aks.stopCluster")
  @ActionDoc(target = "aks", summary = "Stop a running cluster.", expectedSeconds = 180, longRunning = true,
      permissions = {
        "Microsoft.ContainerService/managedClusters/read",
        "Microsoft.ContainerService/managedClusters/stop/action",
        "Microsoft.ContainerService/locations/operations/read",
        "Microsoft.ContainerService/locations/operationresults/read"})
  ActionResult stopCluster(ActionRequest request);
}
