package dev.continuity.activities.report;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats the report activity from a daemon thread while the report is written. A model call
 * cannot heartbeat from inside the OpenAI client, and without heartbeats a worker killed mid-report
 * is only noticed at the activity's start-to-close timeout (minutes), holding the finished failover
 * open and its stamp busy. With them, Temporal gives the report to another worker after the
 * heartbeat timeout ({@code OperationReport} in the workflows).
 *
 * <p>Outside an activity (the writer called directly, as tests and tools do) it does nothing.
 */
final class ReportHeartbeat implements AutoCloseable {
  /** Well inside the workflow's heartbeat timeout for the report (30 s). */
  static final Duration EVERY = Duration.ofSeconds(5);

  private final ScheduledExecutorService beat;

  private ReportHeartbeat(ScheduledExecutorService beat) {
    this.beat = beat;
  }

  static ReportHeartbeat start() {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException notInAnActivity) {
      return new ReportHeartbeat(null);
    }
    ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "report-heartbeat");
      t.setDaemon(true);
      return t;
    });
    beat.scheduleAtFixedRate(() -> {
      try {
        context.heartbeat(null);
      } catch (ActivityCompletionException cancelledOrTimedOut) {
        // The server no longer wants this attempt: the writer's own result will be discarded.
        beat.shutdown();
      }
    }, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return new ReportHeartbeat(beat);
  }

  @Override
  public void close() {
    if (beat != null) beat.shutdownNow();
  }
}
