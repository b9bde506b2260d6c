package dev.continuity.starter;

import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import dev.continuity.starter.codec.EncryptionCodec;
import dev.continuity.starter.codec.PayloadKeys;
import dev.continuity.telemetry.Telemetry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where the Temporal service is and how to authenticate to it: a local dev server (plain gRPC), a
 * self-hosted cluster with mutual TLS, or Temporal Cloud with an API key or client certificate.
 *
 * @param address host:port of the frontend
 * @param apiKey Temporal Cloud API key (sent as {@code Authorization: Bearer}); implies TLS
 * @param tlsCert PEM client certificate for mutual TLS; implies TLS
 * @param tlsKey PEM (PKCS#8) private key of {@code tlsCert}
 * @param tlsCa PEM certificate authority that signed the server's certificate (default: the JVM's trust store)
 * @param tlsServerName the name to check the server certificate against, when it differs from the host
 * @param tls true to use TLS without a client certificate or API key
 * @param uiUrl the Temporal Web UI's base URL, when known (for "approve from the UI" hints)
 * @param payloadKeys when set, every payload this connection's clients and workers write is encrypted
 *     with them (and read back with them); null: plain payloads
 */
public record TemporalConnection(
    String address,
    String namespace,
    String apiKey,
    Path tlsCert,
    Path tlsKey,
    Path tlsCa,
    String tlsServerName,
    boolean tls,
    String uiUrl,
    PayloadKeys payloadKeys) {

  public static final String DEFAULT_ADDRESS = "localhost:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  /** How long to wait for the first answer of the server before saying it cannot be reached. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** A connection whose payloads travel unencrypted. */
  public TemporalConnection(String address, String namespace, String apiKey, Path tlsCert, Path tlsKey, Path tlsCa,
      String tlsServerName, boolean tls, String uiUrl) {
    this(address, namespace, apiKey, tlsCert, tlsKey, tlsCa, tlsServerName, tls, uiUrl, null);
  }

  public TemporalConnection {
    address = blankToNull(address) == null ? DEFAULT_ADDRESS : address.trim();
    namespace = blankToNull(namespace) == null ? DEFAULT_NAMESPACE : namespace.trim();
    apiKey = blankToNull(apiKey);
    tlsServerName = blankToNull(tlsServerName);
    uiUrl = blankToNull(uiUrl);
  }

  /**
   * Reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY,
   * TEMPORAL_TLS_CA, TEMPORAL_TLS_SERVER_NAME, TEMPORAL_TLS and TEMPORAL_UI_URL (the names the
   * Temporal CLI uses, where it has them), and the payload keys (see {@link PayloadKeys}).
   */
  public static TemporalConnection fromEnvironment(Map<String, String> env) {
    return new TemporalConnection(
        env.get("TEMPORAL_ADDRESS"),
        env.get("TEMPORAL_NAMESPACE"),
        env.get("TEMPORAL_API_KEY"),
        path(env.get("TEMPORAL_TLS_CERT")),
        path(env.get("TEMPORAL_TLS_KEY")),
        path(env.get("TEMPORAL_TLS_CA")),
        env.get("TEMPORAL_TLS_SERVER_NAME"),
        "true".equalsIgnoreCase(env.get("TEMPORAL_TLS")),
        env.get("TEMPORAL_UI_URL"),
        PayloadKeys.fromEnvironment(env));
  }

  /**
   * How payloads become bytes: Temporal's JSON converter, then, with keys, AES-GCM encryption
   * (failure messages and stack traces included, as they may name resources).
   */
  public DataConverter dataConverter() {
    DataConverter json = DefaultDataConverter.newDefaultInstance();
    return payloadKeys == null ? json : new CodecDataConverter(json, List.of(new EncryptionCodec(payloadKeys)), true);
  }

  public boolean usesTls() {
    return tls || apiKey != null || tlsCert != null || tlsCa != null;
  }

  /**
   * The Web UI page of a workflow, when the UI's address is known or can be inferred (the local
   * dev server serves it on port 8233, Temporal Cloud at cloud.temporal.io); null otherwise.
   */
  public String workflowUrl(String workflowId) {
    String base = uiUrl;
    if (base == null && (address.startsWith("localhost:") || address.startsWith("127.0.0.1:"))) {
      base = "http://localhost:8233";
    }
    if (base == null && address.contains(".tmprl.cloud")) base = "https://cloud.temporal.io";
    if (base == null) return null;
    if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    return base + "/namespaces/" + namespace + "/workflows/" + workflowId;
  }

  /** Connects, checking that the server answers; throws {@link TemporalUnavailableException} with one clear line. */
  public TemporalSession open() {
    return open(null);
  }

  /**
   * Connects as {@link #open()} does, reporting the SDK's metrics to the telemetry's registry and,
   * when it traces, tracing every start, signal, update and query of the client.
   *
   * @param telemetry null: neither metrics nor traces
   */
  public TemporalSession open(Telemetry telemetry) {
    WorkflowServiceStubsOptions options = serviceOptions();
    if (telemetry != null) {
      options = WorkflowServiceStubsOptions.newBuilder(options).setMetricsScope(telemetry.metricsScope()).build();
    }
    WorkflowServiceStubs service;
    try {
      service = WorkflowServiceStubs.newConnectedServiceStubs(options, CONNECT_TIMEOUT);
    } catch (RuntimeException e) {
      throw new TemporalUnavailableException(address, rootMessage(e), e);
    }
    WorkflowClientOptions.Builder clientOptions =
        WorkflowClientOptions.newBuilder().setNamespace(namespace).setDataConverter(dataConverter());
    if (telemetry != null) {
      clientOptions.setInterceptors(telemetry.clientInterceptors().toArray(new WorkflowClientInterceptor[0]));
    }
    WorkflowClient client = WorkflowClient.newInstance(service, clientOptions.build());
    return new TemporalSession(
        this,
        service,
        client,
        () -> OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(service.getOptions()).build()),
        true);
  }

  WorkflowServiceStubsOptions serviceOptions() {
    WorkflowServiceStubsOptions.Builder b = WorkflowServiceStubsOptions.newBuilder().setTarget(address);
    if (tlsCert != null || tlsCa != null) {
      b.setSslContext(sslContext());
    } else if (usesTls()) {
      b.setEnableHttps(true);
    }
    if (apiKey != null) {
      String key = apiKey;
      b.addApiKey(() -> key);
      // Temporal Cloud routes API-key requests by this header when the endpoint is regional.
      Metadata headers = new Metadata();
      headers.put(Metadata.Key.of("temporal-namespace", Metadata.ASCII_STRING_MARSHALLER), namespace);
      b.setHeaders(headers);
    }
    if (tlsServerName != null) {
      String authority = tlsServerName;
      b.setChannelInitializer(channel -> channel.overrideAuthority(authority));
    }
    return b.build();
  }

  private SslContext sslContext() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new TemporalUnavailableException(address, "mutual TLS needs both --tls-cert and --tls-key", null);
    }
    try {
      SslContextBuilder b = GrpcSslContexts.forClient();
      if (tlsCert != null) {
        b.keyManager(Files.newInputStream(tlsCert), Files.newInputStream(tlsKey));
      }
      if (tlsCa != null) b.trustManager(Files.newInputStream(tlsCa));
      return b.build();
    } catch (IOException | RuntimeException e) {
      throw new TemporalUnavailableException(address, "cannot use the TLS files: " + rootMessage(e), e);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  private static Path path(String s) {
    return blankToNull(s) == null ? null : Path.of(s.trim());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
