package dev.continuity.worker;

import dev.continuity.model.actions.ActionCatalog;
import dev.continuity.workflows.ContinuityNames;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process: polls the {@value ContinuityNames#TASK_QUEUE} task queue and runs the
 * workflow implementations and the activity implementations it is given. It makes none of its
 * own: the caller hands in the real actions (Azure, probes, the report), tests their doubles.
 */
public final class ContinuityWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ContinuityWorker.class);

  private final WorkerFactory factory;
  private final List<Class<?>> workflows;
  private final List<Object> activities;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean started;

  /**
   * @param workflows workflow implementation classes, usually {@code Workflows.IMPLEMENTATIONS} of the workflows module
   * @param activities activity implementation instances
   */
  public ContinuityWorker(WorkflowClient client, List<Class<?>> workflows, List<Object> activities) {
    this(client, workflows, activities, List.of());
  }

  /**
   * @param tracing worker interceptors that trace (the telemetry's, when traces are on); Continuity's
   *     own metrics and log context are always added, see {@link #interceptors}
   */
  public ContinuityWorker(
      WorkflowClient client, List<Class<?>> workflows, List<Object> activities, List<WorkerInterceptor> tracing) {
    if (workflows.isEmpty()) {
      throw new IllegalArgumentException(
          "no workflow implementations to register (is the workflows module on the class path?)");
    }
    this.factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
        .setWorkerInterceptors(interceptors(tracing).toArray(new WorkerInterceptor[0])).build());
    this.workflows = List.copyOf(workflows);
    this.activities = List.copyOf(activities);
    register(factory.newWorker(ContinuityNames.TASK_QUEUE), this.workflows, this.activities);
  }

  /**
   * The tracing interceptors first (the outermost, so a span covers the rest), then the metrics of
   * operations, the log context of actions and the liveness heartbeats of activities. A test environment's worker factory takes the same.
   */
  public static List<WorkerInterceptor> interceptors(List<WorkerInterceptor> tracing) {
    List<WorkerInterceptor> all = new ArrayList<>(tracing);
    all.add(new OperationMetrics());
    all.add(new ActivityLogContext());
    all.add(new ActivityLiveness());
    return all;
  }

  /**
   * Registers on an existing worker (a test environment's, for one). Returns a line per
   * registration, as logged.
   */
  public static List<String> register(Worker worker, List<Class<?>> workflows, List<Object> activities) {
    // Workflow code looks actions up in the catalog, which is built by reflection over every action
    // interface. Built first on a workflow thread of a loaded machine, that can outlast the SDK's 1 s
    // deadlock detector and fail the workflow task (seen in the crash matrix), so it is built here.
    ActionCatalog.all();
    List<String> lines = new ArrayList<>();
    worker.registerWorkflowImplementationTypes(workflows.toArray(new Class<?>[0]));
    for (Class<?> w : workflows) lines.add("workflow " + w.getName());
    if (!activities.isEmpty()) worker.registerActivitiesImplementations(activities.toArray());
    for (Object a : activities) lines.add("activities " + a.getClass().getName());
    for (String line : lines) log.info("registered {}", line);
    if (activities.isEmpty()) {
      log.warn("no activity implementations registered: steps with actions will wait for a worker that has them");
    }
    return lines;
  }

  public synchronized void start() {
    factory.start();
    started = true;
    log.info("polling task queue {} in namespace {} with {} workflow types and {} activity implementations",
        ContinuityNames.TASK_QUEUE, factory.getWorkflowClient().getOptions().getNamespace(),
        workflows.size(), activities.size());
  }

  /** Blocks until {@link #close()} is called from another thread (Ctrl-C's shutdown hook). */
  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  /** Lets running activity attempts finish for a short while, then stops polling. */
  @Override
  public synchronized void close() {
    if (!started) {
      stopped.countDown();
      return;
    }
    started = false;
    factory.shutdown();
    factory.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) factory.shutdownNow();
    log.info("worker stopped");
    stopped.countDown();
  }

  public List<Class<?>> workflows() {
    return workflows;
  }

  public List<Object> activities() {
    return activities;
  }
}
