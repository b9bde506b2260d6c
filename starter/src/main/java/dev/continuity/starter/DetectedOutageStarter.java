package dev.continuity.starter;

import dev.continuity.model.config.EstateException;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.workflows.DetectedOutage;
import dev.continuity.workflows.DetectionActivities;
import dev.continuity.workflows.DetectionAnswer;
import dev.continuity.workflows.StampProbeWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe loop's alarm, run by the worker: the same request an alert sends (update-with-start on
 * the stamp's entity, with the failover compiled from the configuration as it is now and the loop's
 * severity, which the failover's gates judge by the stamp's severity policy). The stamp starts the
 * failover, joins it to one that runs, or declines (cooldown, already failed over).
 */
public final class DetectedOutageStarter implements DetectionActivities {
  private static final Logger log = LoggerFactory.getLogger(DetectedOutageStarter.class);

  /** How often the worker looks for an edited configuration, at most. */
  static final Duration CHECK_EVERY = Duration.ofSeconds(2);

  private final WorkflowClient client;
  private final Path configDir;
  private LiveEstate estate;

  public DetectedOutageStarter(WorkflowClient client, LiveEstate estate) {
    this.client = client;
    this.configDir = null;
    this.estate = estate;
  }

  /** Reads {@code configDir} on the first alarm (a worker with a broken configuration still starts). */
  public DetectedOutageStarter(WorkflowClient client, Path configDir) {
    this.client = client;
    this.configDir = configDir;
  }

  private synchronized LiveEstate estate() {
    if (estate == null) {
      try {
        estate = LiveEstate.load(configDir, CHECK_EVERY);
      } catch (EstateException e) {
        throw ApplicationFailure.newNonRetryableFailure("the runbooks in " + configDir + " do not load: " + e.getMessage(), "RunbookInvalid");
      }
    }
    return estate;
  }

  @Override
  public DetectionAnswer raise(DetectedOutage outage) {
    LiveEstate.Version version = estate().current();
    Stamp stamp = version.estate().inventory().stamp(outage.stamp());
    if (stamp == null) {
      throw ApplicationFailure.newNonRetryableFailure("stamp " + outage.stamp() + " is no longer in the inventory", "UnknownStamp");
    }
    Plan plan = version.failovers().get(outage.stamp());
    if (plan == null) {
      String why = version.failoverProblems().getOrDefault(outage.stamp(), "stamp " + outage.stamp() + " has no failover runbook");
      throw ApplicationFailure.newNonRetryableFailure(why, "RunbookInvalid");
    }
    OperationOrder order = new OperationOrder(outage.stamp(), Mode.FAILOVER, outage.severity(), false, outage.reason(),
        StampProbeWorkflowImpl.REQUESTED_BY, outage.triggerId(), outage.detectedAtMillis());
    StartOutcome outcome = new OperationStarter(client).request(OperationStarter.settingsFor(stamp), OperationStarter.requestFor(plan, order));
    if (outcome instanceof StartOutcome.Accepted a) {
      String what = a.ticket().joined() ? "joined" : "started";
      log.info("probe loop of stamp {}: {} failover {}", outage.stamp(), what, a.ticket().operationId());
      return new DetectionAnswer(what, a.ticket().operationId(), null);
    }
    String reason = ((StartOutcome.Refused) outcome).reason();
    log.info("probe loop of stamp {}: the stamp declined: {}", outage.stamp(), reason);
    return new DetectionAnswer("declined", null, reason);
  }
}
