package dev.continuity.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import dev.continuity.telemetry.MetricsServer;
import dev.continuity.telemetry.Telemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code continuity} command: its global options and the seams tests replace. */
@Command(
    name = "continuity",
    mixinStandardHelpOptions = true,
    versionProvider = Continuity.Version.class,
    usageHelpAutoWidth = true,
    description = {"Disaster-recovery runbooks for Azure, run as durable Temporal workflows: validate the "
        + "estate, see the plan, fail a stamp over and back or drill it, approve, decide, watch."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE, ExitCodes.HELP_REFUSED},
    footerHeading = "%nExamples:%n",
    footer = {
        "  continuity validate --config runbooks",
        "  continuity plan --stamp ai-platform --mode failover",
        "  continuity worker --temporal temporal.example.com:7233",
        "  continuity failover --stamp ai-platform --severity Sev1 --reason \"eastus2 down\" --wait",
        "  continuity approve ai-platform-failover-1 --as alice@contoso.com",
        "  continuity status ai-platform-failover-1 --watch",
        "",
        "Temporal: --temporal/--namespace or TEMPORAL_ADDRESS/TEMPORAL_NAMESPACE (default localhost:7233,",
        "namespace default); Temporal Cloud: --api-key or TEMPORAL_API_KEY, or --tls-cert/--tls-key."})
public final class Continuity implements Callable<Integer> {

  @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Inventory and runbooks directory (default: $CONTINUITY_CONFIG, else ./runbooks).")
  Path config;

  @Option(names = "--temporal", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
      description = "Temporal frontend (default: $TEMPORAL_ADDRESS, else localhost:7233).")
  String temporal;

  @Option(names = "--namespace", scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "Temporal namespace (default: $TEMPORAL_NAMESPACE, else default).")
  String namespace;

  @Option(names = "--api-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
      description = "Temporal Cloud API key, sent as a bearer token over TLS (default: $TEMPORAL_API_KEY).")
  String apiKey;

  @Option(names = "--tls-cert", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Client certificate (PEM) for mutual TLS (default: $TEMPORAL_TLS_CERT).")
  Path tlsCert;

  @Option(names = "--tls-key", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Private key (PEM, PKCS#8) of --tls-cert (default: $TEMPORAL_TLS_KEY).")
  Path tlsKey;

  @Option(names = "--tls-ca", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "CA certificate (PEM) of the server (default: $TEMPORAL_TLS_CA, else the JVM's).")
  Path tlsCa;

  @Option(names = "--tls-server-name", scope = ScopeType.INHERIT, paramLabel = "NAME", hidden = true,
      description = "Server name to verify the certificate against.")
  String tlsServerName;

  @Option(names = "--tls", scope = ScopeType.INHERIT,
      description = "Use TLS without a client certificate or API key (default: $TEMPORAL_TLS).")
  boolean tls;

  @Option(names = "--ui-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Temporal Web UI base URL, for approval hints (default: $TEMPORAL_UI_URL).")
  String uiUrl;

  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Log what the client and SDK do, and show stack traces of errors.")
  boolean verbose;

  private final Map<String, String> env;
  private final Function<TemporalConnection, TemporalSession> connector;
  private final ConfigSource configSource;
  private WorkerActivities activities = WorkerActivities.PRODUCTION;
  private Supplier<List<Class<?>>> workflows = () -> dev.continuity.workflows.Workflows.IMPLEMENTATIONS;
  private Duration pollInterval = Duration.ofSeconds(1);
  private Boolean tty;
  private java.io.InputStream stdin = System.in;
  private Telemetry telemetry;

  /**
   * The production command: real environment, real Temporal connection (with the process's
   * metrics and, when OTEL_EXPORTER_OTLP_ENDPOINT is set, traces), YAML configuration.
   */
  public Continuity() {
    this(System.getenv(), null, ConfigSource.FILES);
  }

  public Continuity(
      Map<String, String> env, Function<TemporalConnection, TemporalSession> connector, ConfigSource configSource) {
    this.env = env;
    this.connector = connector;
    this.configSource = configSource;
  }

  public static void main(String[] args) {
    Continuity continuity = new Continuity();
    int code = continuity.commandLine().execute(args);
    continuity.closeTelemetry();
    System.exit(code);
  }

  /** The command line with every subcommand, error handling and verbosity set up. */
  public CommandLine commandLine() {
    CommandLine cl = new CommandLine(this);
    Commands.register(cl);
    cl.setExecutionExceptionHandler(new ErrorHandler(this));
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    cl.setExecutionStrategy(parseResult -> {
      applyVerbosity();
      return new CommandLine.RunLast().execute(parseResult);
    });
    return cl;
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand there is nothing to do: show what there is. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  // ---- what the subcommands use ----

  Path configDir() {
    if (config != null) return config;
    String fromEnv = env.get("CONTINUITY_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) return Path.of(fromEnv);
    // Run through the ./continuity launcher from another directory: the shipped runbooks.
    String root = env.get("CONTINUITY_ROOT");
    if (!java.nio.file.Files.isDirectory(Path.of("runbooks")) && root != null && !root.isBlank()) {
      return Path.of(root, "runbooks");
    }
    return Path.of("runbooks");
  }

  /** An environment variable, as the command sees it (tests give their own environment). */
  String env(String name) {
    return env.get(name);
  }

  TemporalConnection connection() {
    TemporalConnection e = TemporalConnection.fromEnvironment(env);
    return new TemporalConnection(
        temporal != null ? temporal : e.address(),
        namespace != null ? namespace : e.namespace(),
        apiKey != null ? apiKey : e.apiKey(),
        tlsCert != null ? tlsCert : e.tlsCert(),
        tlsKey != null ? tlsKey : e.tlsKey(),
        tlsCa != null ? tlsCa : e.tlsCa(),
        tlsServerName != null ? tlsServerName : e.tlsServerName(),
        tls || e.tls(),
        uiUrl != null ? uiUrl : e.uiUrl(),
        e.payloadKeys());
  }

  TemporalSession connect() {
    return connector == null ? connection().open(telemetry("continuity")) : connector.apply(connection());
  }

  /**
   * The process's metrics registry and tracing, made on first use.
   *
   * @param serviceName what traces are named (the first caller's name sticks): continuity-worker,
   *     continuity-starter, or continuity for a one-shot command
   */
  synchronized Telemetry telemetry(String serviceName) {
    if (telemetry == null) telemetry = Telemetry.fromEnvironment(env, serviceName);
    return telemetry;
  }

  /**
   * Serves /metrics for a long-running command (worker, alert server) on CONTINUITY_METRICS_PORT
   * (default 9464). A port that is taken is a warning, not a failure: a worker that cannot be
   * scraped still fails stamps over. Null when nothing is served: a test's command (one with its
   * own connector) serves only when its environment names a port.
   */
  MetricsServer serveMetrics(Telemetry t, java.io.PrintWriter err) {
    if (connector != null && env.get(MetricsServer.PORT_VARIABLE) == null) return null;
    try {
      return t.serveMetrics(env);
    } catch (IllegalArgumentException e) {
      err.println("continuity: warning: " + e.getMessage());
      err.flush();
      return null;
    }
  }

  /** Sends the spans not yet exported (a one-shot command's, above all) before the process exits. */
  synchronized void closeTelemetry() {
    if (telemetry != null) telemetry.close();
    telemetry = null;
  }

  ConfigSource configSource() {
    return configSource;
  }

  WorkerActivities activities() {
    return activities;
  }

  List<Class<?>> workflows() {
    return workflows.get();
  }

  Duration pollInterval() {
    return pollInterval;
  }

  boolean tty() {
    return tty != null ? tty : System.console() != null;
  }

  boolean verbose() {
    return verbose;
  }

  // ---- seams for tests and for the lead's wiring ----

  public Continuity withActivities(WorkerActivities activities) {
    this.activities = activities;
    return this;
  }

  public Continuity withWorkflows(Supplier<List<Class<?>>> workflows) {
    this.workflows = workflows;
    return this;
  }

  public Continuity withPollInterval(Duration interval) {
    this.pollInterval = interval;
    return this;
  }

  /** Where interactive answers come from (the demo's approval prompt). */
  public Continuity withStdin(java.io.InputStream in) {
    this.stdin = in;
    return this;
  }

  java.io.InputStream stdin() {
    return stdin;
  }

  /** Forces the live view's terminal mode (redraw in place) on or off. */
  public Continuity withTty(boolean tty) {
    this.tty = tty;
    return this;
  }

  /**
   * A worker is a long-running process whose log is its output: what each action observed and did
   * is worth keeping there, unlike in an interactive command's terminal.
   */
  void logActionsAtInfo() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
    if (!verbose) ctx.getLogger("dev.continuity").setLevel(Level.INFO);
  }

  private void applyVerbosity() {
    LogFormat.apply(env, new java.io.PrintWriter(System.err, true));
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
    if (verbose) {
      ctx.getLogger("dev.continuity").setLevel(Level.DEBUG);
      ctx.getLogger("io.temporal").setLevel(Level.INFO);
      ctx.getLogger("io.temporal.internal.activity").setLevel(Level.INFO);
      ctx.getLogger("io.grpc").setLevel(Level.INFO);
    }
  }

  /** Reads the version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Continuity.class.getPackage().getImplementationVersion();
      return new String[] {"continuity " + (v == null ? "(development build)" : v)};
    }
  }
}
