package dev.continuity.telemetry;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import java.util.List;
import java.util.Map;

/**
 * What one process (worker or starter) reports about itself: one Prometheus registry for the
 * Temporal SDK's metrics and Continuity's own, and, when an OTLP endpoint is configured, traces
 * through the Temporal OpenTracing interceptors bridged to OpenTelemetry.
 *
 * <p>Metrics always exist (they cost nothing until scraped); traces only leave the process when
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set, so nothing reaches for the network by default.
 */
public final class Telemetry implements AutoCloseable {
  /**
   * How often the SDK's metric scope hands its counters to the registry. A Prometheus scrape every
   * 15 s or more sees every flush; a failover's last numbers are never more than this late.
   */
  private static final com.uber.m3.util.Duration REPORT_EVERY = com.uber.m3.util.Duration.ofSeconds(1);

  private final PrometheusMeterRegistry registry;
  private final Scope scope;
  private final Tracing tracing;
  private final OpenTracingOptions tracingOptions;

  private Telemetry(Tracing tracing) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new LatencyBuckets());
    // Loads the exposition classes now, not in the first scrape or, worse, in a workflow thread
    // whose deadlock detector counts the time (a timer's first record registers it synchronously).
    registry.timer("continuity_telemetry_warmup").record(java.time.Duration.ZERO);
    registry.remove(registry.find("continuity_telemetry_warmup").timer());
    registry.scrape();
    this.scope = new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(REPORT_EVERY);
    this.tracing = tracing;
    this.tracingOptions = tracing.enabled()
        ? OpenTracingOptions.newBuilder().setTracer(OpenTracingShim.createTracerShim(tracing.openTelemetry())).build()
        : null;
  }

  /**
   * Reads the OTEL_* variables (see {@link Tracing#fromEnvironment}).
   *
   * @param serviceName the name traces carry unless OTEL_SERVICE_NAME says otherwise
   */
  public static Telemetry fromEnvironment(Map<String, String> env, String serviceName) {
    return new Telemetry(Tracing.fromEnvironment(env, serviceName));
  }

  /** Traces to the given OpenTelemetry (a test's in-memory exporter, for one); the caller keeps owning it. */
  public static Telemetry tracingTo(OpenTelemetry openTelemetry) {
    return new Telemetry(Tracing.of(openTelemetry));
  }

  /** Metrics only. */
  public static Telemetry metricsOnly() {
    return new Telemetry(Tracing.off());
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** For {@code WorkflowServiceStubsOptions.setMetricsScope}: the SDK's client and worker metrics, and the workflows'. */
  public Scope metricsScope() {
    return scope;
  }

  public boolean tracingEnabled() {
    return tracingOptions != null;
  }

  /** For {@code WorkflowClientOptions.setInterceptors}: a span per start, signal, update and query. */
  public List<WorkflowClientInterceptor> clientInterceptors() {
    return tracingOptions == null ? List.of() : List.of(new OpenTracingClientInterceptor(tracingOptions));
  }

  /** For {@code WorkerFactoryOptions.setWorkerInterceptors}: spans of workflow runs, handlers and activities. */
  public List<WorkerInterceptor> workerInterceptors() {
    return tracingOptions == null ? List.of() : List.of(new OpenTracingWorkerInterceptor(tracingOptions));
  }

  /** The registry in the Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Serves {@code GET /metrics} on CONTINUITY_METRICS_PORT (default {@value MetricsServer#DEFAULT_PORT}).
   * Throws {@link IllegalArgumentException} with a one-line reason when the setting is not a port or
   * the port is taken.
   */
  public MetricsServer serveMetrics(Map<String, String> env) {
    return MetricsServer.start(registry, MetricsServer.portFrom(env), env.getOrDefault(MetricsServer.HOST_VARIABLE, "0.0.0.0"));
  }

  /** Reports what the scope still holds and sends the spans not yet exported. */
  @Override
  public void close() {
    try {
      scope.close();
    } catch (com.uber.m3.tally.ScopeCloseException e) {
      // Closing at exit: what the last report could not hand over is lost either way.
    }
    tracing.close();
  }
}
