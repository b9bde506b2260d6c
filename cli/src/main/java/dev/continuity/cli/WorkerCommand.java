package dev.continuity.cli;

import dev.continuity.starter.DetectedOutageStarter;
import dev.continuity.starter.ScheduledDrillStarter;
import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.starter.TemporalSession;
import dev.continuity.telemetry.MetricsServer;
import dev.continuity.telemetry.Telemetry;
import dev.continuity.worker.ContinuityWorker;
import dev.continuity.workflows.ContinuityNames;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a Continuity worker until Ctrl-C.",
        "Registers the search attributes, then polls task queue '" + ContinuityNames.TASK_QUEUE + "' for the "
            + "stamp, failover, failback and drill workflows and the actions. Run workers outside the region "
            + "a stamp fails away from (its secondary or a third region), against a Temporal cluster that "
            + "survives the primary's loss."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:stopped by Ctrl-C", "1:Temporal could not be reached or the worker could not start", ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {
        "  continuity worker",
        "  continuity worker --temporal my-ns.a1b2c.tmprl.cloud:7233 --namespace my-ns.a1b2c --api-key $KEY"})
final class WorkerCommand extends ContinuityCommand {

  @Override
  public Integer call() throws InterruptedException {
    root.logActionsAtInfo();
    Telemetry telemetry = root.telemetry("continuity-worker");
    TemporalSession session = connect();
    SearchAttributeSetup.Result attributes = SearchAttributeSetup.ensure(session.operatorService(), session.namespace());
    if (!attributes.complete()) {
      err().println("continuity: warning: search attributes not registered (" + attributes.failure()
          + "); register " + SearchAttributeSetup.describe(attributes.failed()) + " in namespace " + session.namespace());
    }
    List<Object> activities = new java.util.ArrayList<>(root.activities().create(root.configDir()));
    // Scheduled drills compile the runbooks this worker reads, when the schedule fires.
    activities.add(new ScheduledDrillStarter(session.client(), root.configDir()));
    // Probe loops raise their alarms from the same configuration, reloaded when it changes.
    activities.add(new DetectedOutageStarter(session.client(), root.configDir()));
    ContinuityWorker worker = new ContinuityWorker(session.client(), root.workflows(), activities, telemetry.workerInterceptors());
    MetricsServer metrics = root.serveMetrics(telemetry, err());
    Thread hook = new Thread(() -> {
      worker.close();
      session.close();
      if (metrics != null) metrics.close();
      root.closeTelemetry();
    }, "continuity-worker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    worker.start();
    out().println("worker running: task queue " + ContinuityNames.TASK_QUEUE + " at " + session.connection().address()
        + " (namespace " + session.namespace() + "), " + worker.workflows().size() + " workflow types, "
        + activities.size() + " activity implementations"
        + (metrics == null ? "" : "; metrics on :" + metrics.port() + "/metrics")
        + (telemetry.tracingEnabled() ? "; traces to OTLP" : "") + "; Ctrl-C to stop");
    out().flush();
    worker.awaitTermination();
    return ExitCodes.OK;
  }
}
