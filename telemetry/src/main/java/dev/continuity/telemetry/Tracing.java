package dev.continuity.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Where spans go: an OpenTelemetry SDK configured by the standard OTEL_* variables, or nowhere. */
final class Tracing implements AutoCloseable {
  static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

  private final OpenTelemetry openTelemetry;
  /** Non-null when this object built the SDK and must flush it on close. */
  private final OpenTelemetrySdk owned;

  private Tracing(OpenTelemetry openTelemetry, OpenTelemetrySdk owned) {
    this.openTelemetry = openTelemetry;
    this.owned = owned;
  }

  static Tracing off() {
    return new Tracing(null, null);
  }

  static Tracing of(OpenTelemetry openTelemetry) {
    return new Tracing(openTelemetry, null);
  }

  /**
   * Traces go to the OTLP endpoint in OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT); without
   * one, or with OTEL_SDK_DISABLED=true, there are none. Every other OTEL_* variable means what
   * the OpenTelemetry SDK documents (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES,
   * OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER, ...). The protocol defaults to http/protobuf,
   * the only one this build carries a sender for. Metrics and logs are not sent this way: metrics
   * are scraped from /metrics, logs go to standard error.
   */
  static Tracing fromEnvironment(Map<String, String> env, String serviceName) {
    boolean endpoint = !blank(env.get(ENDPOINT)) || !blank(env.get(TRACES_ENDPOINT));
    if (!endpoint || "true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").trim())) return off();
    String protocol = env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", env.getOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL", ""));
    if (protocol.trim().equalsIgnoreCase("grpc")) {
      throw new IllegalArgumentException("OTLP over gRPC is not supported: set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf "
          + "and point OTEL_EXPORTER_OTLP_ENDPOINT at the collector's HTTP port (usually 4318)");
    }
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.service.name", serviceName);
    properties.put("otel.exporter.otlp.protocol", "http/protobuf");
    properties.put("otel.traces.exporter", "otlp");
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    // The SDK reads the process environment itself; a caller's map (a test's) is read the same way.
    env.forEach((k, v) -> {
      if (k.startsWith("OTEL_") && v != null) properties.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v);
    });
    try {
      OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> properties)
          .disableShutdownHook()
          .build()
          .getOpenTelemetrySdk();
      return new Tracing(sdk, sdk);
    } catch (ConfigurationException e) {
      throw new IllegalArgumentException("cannot set up tracing from the OTEL_* variables: " + e.getMessage());
    }
  }

  boolean enabled() {
    return openTelemetry != null;
  }

  OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  @Override
  public void close() {
    if (owned != null) owned.shutdown().join(10, TimeUnit.SECONDS);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
