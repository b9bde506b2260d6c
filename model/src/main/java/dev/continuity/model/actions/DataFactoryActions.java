package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Azure Data Factory: freezing and resuming a factory's schedules and runs, and its integration runtimes. */
@ActivityInterface
public interface DataFactoryActions {

  @ActivityMethod(name = "dataFactory.stopTriggers")
  @ActionDoc(target = "dataFactory", summary = "Stop the named triggers of the target factory, so no new pipeline runs start.",
      permissions = {
        "Microsoft.DataFactory/factories/triggers/read",
        "Microsoft.DataFactory/factories/triggers/stop/action"},
      expectedSeconds = 10,
      params = {
        @Param(name = "triggers", doc = "trigger names (a list, or comma-separated)"),
        @Param(name = "bestEffort", doc = "true: a factory that cannot be reached (its region down: connection failure or 5xx, "
            + "still so after 3 tries a few seconds apart) is recorded as reached: false and the step succeeds; "
            + "400/401/403/404 still fail. For freezing the old primary before a promotion", required = false)
      })
  ActionResult stopTriggers(ActionRequest request);

  @ActivityMethod(name = "dataFactory.startTriggers")
  @ActionDoc(target = "dataFactory", summary = "Start the named triggers of the target factory.", expectedSeconds = 10,
      permissions = {
        "Microsoft.DataFactory/factories/triggers/read",
        "Microsoft.DataFactory/factories/triggers/start/action"},
      params = @Param(name = "triggers", doc = "trigger names (a list, or comma-separated)"))
  ActionResult startTriggers(ActionRequest request);

  @ActivityMethod(name = "dataFactory.cancelPipelineRuns")
  @ActionDoc(target = "dataFactory", summary = "Cancel the target factory's queued and in-progress pipeline runs "
      + "(recursively, with their child pipelines).", expectedSeconds = 30,
      permissions = {
        "Microsoft.DataFactory/factories/querypipelineruns/action",
        "Microsoft.DataFactory/factories/querypipelineruns/read",
        "Microsoft.DataFactory/factories/pipelineruns/read",
        "Microsoft.DataFactory/factories/pipelineruns/cancel/action"},
      params = {
        @Param(name = "pipelines", doc = "only runs of these pipelines (default: all)", required = false),
        @Param(name = "lookbackHours", doc = "how far back runs are looked for (default 24)", required = false),
        @Param(name = "bestEffort", doc = "true: a factory that cannot be reached (its region down: connection failure or 5xx, "
            + "still so after 3 tries a few seconds apart) is recorded as reached: false and the step succeeds; "
            + "400/401/403/404 still fail. For freezing the old primary before a promotion", required = false)
      })
  ActionResult cancelPipelineRuns(ActionRequest request);

  @ActivityMethod(name = "dataFactory.checkIntegrationRuntime")
  @ActionDoc(target = "dataFactory", summary = "Check that an integration runtime of the target factory (self-hosted "
      + "included) is online; fails for good when it is not, so pipelines are not resumed on a runtime that cannot run them.",
      permissions = {
        "Microsoft.DataFactory/factories/integrationruntimes/getstatus/action"},
      expectedSeconds = 5,
      params = {
        @Param(name = "integrationRuntime", doc = "name of the integration runtime"),
        @Param(name = "allowLimited", doc = "accept a self-hosted runtime with some nodes offline (default false)", required = false)
      })
  ActionResult checkIntegrationRuntime(ActionRequest request);
}
