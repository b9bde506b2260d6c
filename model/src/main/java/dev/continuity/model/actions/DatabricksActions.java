package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Azure Databricks jobs (the workspace's Jobs API 2.1) and model serving endpoints (serving-endpoints
 * API 2.0), with an Entra ID token. The workspace URL is the target's {@code properties.workspaceUrl}.
 */
@ActivityInterface
public interface DatabricksActions {

  @ActivityMethod(name = "databricks.pauseJobSchedules")
  @ActionDoc(target = "databricksWorkspace", summary = "Pause the schedules (and triggers, continuous runs) of the "
      + "target workspace's jobs, so no new runs start.", expectedSeconds = 10,
      grants = {
        "the worker's Entra ID service principal added to the workspace (Jobs API 2.1 with a token for the Azure Databricks resource; no ARM call)",
        "Databricks job ACL: CAN MANAGE on the jobs it pauses (jobs/list shows only jobs it can view)"},
      params = {
        @Param(name = "jobs", doc = "job names (default: every job with a schedule, trigger or continuous setting)",
            required = false),
        @Param(name = "bestEffort", doc = "true: a workspace that cannot be reached (its region down: connection failure or 5xx, "
            + "still so after 3 tries a few seconds apart) is recorded as reached: false and the step succeeds; "
            + "400/401/403/404 still fail. For freezing the old primary before a promotion", required = false)
      })
  ActionResult pauseJobSchedules(ActionRequest request);

  @ActivityMethod(name = "databricks.resumeJobSchedules")
  @ActionDoc(target = "databricksWorkspace", summary = "Unpause the schedules (and triggers, continuous runs) of the "
      + "target workspace's jobs.", expectedSeconds = 10,
      grants = {
        "the worker's Entra ID service principal added to the workspace (Jobs API 2.1 with a token for the Azure Databricks resource; no ARM call)",
        "Databricks job ACL: CAN MANAGE on the jobs it resumes"},
      params = @Param(name = "jobs", doc = "job names (default: every job with a schedule, trigger or continuous setting)",
          required = false))
  ActionResult resumeJobSchedules(ActionRequest request);

  @ActivityMethod(name = "databricks.cancelActiveRuns")
  @ActionDoc(target = "databricksWorkspace", summary = "Cancel the active job runs of the target workspace.",
      grants = {
        "the worker's Entra ID service principal added to the workspace (Jobs API 2.1 with a token for the Azure Databricks resource; no ARM call)",
        "Databricks job ACL: CAN MANAGE RUN on the jobs whose runs it cancels"},
      expectedSeconds = 30,
      params = {
        @Param(name = "jobs", doc = "only runs of these job names (default: all)", required = false),
        @Param(name = "bestEffort", doc = "true: a workspace that cannot be reached (its region down: connection failure or 5xx, "
            + "still so after 3 tries a few seconds apart) is recorded as reached: false and the step succeeds; "
            + "400/401/403/404 still fail. For freezing the old primary before a promotion", required = false)
      })
  ActionResult cancelActiveRuns(ActionRequest request);

  @ActivityMethod(name = "databricks.setJobParameters")
  @ActionDoc(target = "databricksWorkspace", summary = "Set job-level parameters (for example the storage account, "
      + "catalog or model endpoint a job reads) on jobs of the target workspace, to repoint them at the secondary "
      + "region's resources; other parameters are kept.", expectedSeconds = 10,
      grants = {
        "the worker's Entra ID service principal added to the workspace (Jobs API 2.1 with a token for the Azure Databricks resource; no ARM call)",
        "Databricks job ACL: CAN MANAGE on the jobs it repoints"},
      params = {
        @Param(name = "jobs", doc = "job names"),
        @Param(name = "parameters", doc = "map of parameter name to default value")
      })
  ActionResult setJobParameters(ActionRequest request);

  @ActivityMethod(name = "databricks.setServingEndpointRoute")
  @ActionDoc(target = "databricksWorkspace", summary = "Send all traffic of a model serving endpoint (for example an "
      + "external-model endpoint in front of Azure OpenAI) to one of its served entities: the secondary region's "
      + "deployment or a fallback model. Waits until the endpoint's config update is done.", expectedSeconds = 60,
      grants = {
        "the worker's Entra ID service principal added to the workspace (Serving Endpoints API with a token for the Azure Databricks resource; no ARM call)",
        "Databricks serving endpoint ACL: CAN MANAGE on the endpoint it reroutes"},
      params = {
        @Param(name = "endpoint", doc = "serving endpoint name"),
        @Param(name = "servedEntity", doc = "the served entity (already configured on the endpoint) that gets 100% of the traffic")
      })
  ActionResult setServingEndpointRoute(ActionRequest request);
}
