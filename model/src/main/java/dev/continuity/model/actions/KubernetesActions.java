package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Workloads inside an AKS cluster, through the Kubernetes API with the cluster's credentials from ARM. */
@ActivityInterface
public interface KubernetesActions {

  @ActivityMethod(name = "kubernetes.scaleWorkload")
  @ActionDoc(target = "aks", summary = "Scale a deployment or statefulset of the target cluster (for example the Airflow "
      + "scheduler and workers) to a number of replicas.", expectedSeconds = 30,
      permissions = {
        "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action"},
      dataActions = {
        "Microsoft.ContainerService/managedClusters/apps/deployments/read",
        "Microsoft.ContainerService/managedClusters/apps/deployments/write",
        "Microsoft.ContainerService/managedClusters/apps/statefulsets/read",
        "Microsoft.ContainerService/managedClusters/apps/statefulsets/write"},
      grants = {
        "on clusters with Azure RBAC for Kubernetes the data actions above; otherwise Kubernetes RBAC: get and patch on deployments, deployments/scale, statefulsets and statefulsets/scale in the namespace",
        "credentials: admin needs Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action instead of the user credential action (clusters with local accounts)"},
      params = {
        @Param(name = "namespace", doc = "namespace of the workload"),
        @Param(name = "workload", doc = "deployment/<name> or statefulset/<name>"),
        @Param(name = "replicas", doc = "desired number of replicas (0 stops it)"),
        @Param(name = "credentials", doc = "user (default) or admin: which cluster credentials ARM hands out; "
            + "admin works on clusters with local accounts and no kubelogin on the worker", required = false),
        @Param(name = "bestEffort", doc = "true: a cluster that cannot be reached (its region down, still so after 3 tries a few "
            + "seconds apart) is recorded as not scaled and the step succeeds; for stopping the old primary's "
            + "workloads before a promotion", required = false)
      })
  ActionResult scaleWorkload(ActionRequest request);
}
