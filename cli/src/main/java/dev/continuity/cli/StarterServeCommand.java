package dev.continuity.cli;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.estate.Severity;
import dev.continuity.starter.TemporalSession;
import dev.continuity.starter.alerts.AlertAuthenticator;
import dev.continuity.starter.LiveEstate;
import dev.continuity.starter.alerts.AlertDispatcher;
import dev.continuity.starter.alerts.AlertServer;
import dev.continuity.starter.alerts.AlertServerOptions;
import dev.continuity.starter.alerts.EntraTokenVerifier;
import dev.continuity.starter.alerts.ResourceHealthEvents;
import dev.continuity.starter.alerts.ServerCertificate;
import dev.continuity.telemetry.MetricsServer;
import dev.continuity.telemetry.Telemetry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the alert server until Ctrl-C: Azure alerts and events start (or join) the failover of the stamp "
            + "whose resources they name.",
        "Endpoints: POST /eventgrid (Event Grid schema or CloudEvents 1.0, with both validation handshakes), "
            + "POST /alerts (action-group webhook, Common Alert Schema), GET /health, GET /metrics.",
        "Every POST and OPTIONS needs a credential: the shared secret (header " + AlertAuthenticator.SECRET_HEADER
            + " or query parameter '" + AlertAuthenticator.SECRET_PARAMETER + "') or an Entra ID bearer token."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:stopped by Ctrl-C", "1:Temporal could not be reached or the port is taken", ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {
        "  CONTINUITY_ALERT_SECRET=$(openssl rand -hex 32) continuity starter serve --port 8443 \\",
        "      --https-cert server.pem --https-key server-key.pem",
        "  continuity starter serve --entra-issuer https://login.microsoftonline.com/$TENANT/v2.0 \\",
        "      --entra-audience api://continuity-alerts"})
final class StarterServeCommand extends OutputCommand {
  /** How often, at most, the server looks for edited configuration files. */
  static final Duration CONFIG_CHECK = Duration.ofSeconds(2);

  @ParentCommand StarterCommand starter;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  // --tls-cert/--tls-key already name the Temporal client certificate (global options).
  @Option(names = "--https-cert", paramLabel = "FILE", description = "Serve HTTPS with this PEM certificate (chain).")
  Path httpsCert;

  @Option(names = "--https-key", paramLabel = "FILE", description = "PEM (PKCS#8) private key of --https-cert.")
  Path httpsKey;

  @Option(names = "--secret-env", paramLabel = "NAME", defaultValue = "CONTINUITY_ALERT_SECRET",
      description = "Environment variable holding the shared secret (default: ${DEFAULT-VALUE}); unset: no secret accepted.")
  String secretEnv;

  @Option(names = "--entra-issuer", paramLabel = "URL", description = "Accept Entra ID bearer tokens from this issuer.")
  String entraIssuer;

  @Option(names = "--entra-audience", paramLabel = "AUD", split = ",",
      description = "Accepted token audiences (the app registration's id or application id URI).")
  List<String> entraAudiences;

  @Option(names = "--entra-jwks", paramLabel = "URL", description = "The issuer's signing keys (default: Entra's common keys).")
  URI entraJwks;

  @Option(names = "--max-body-bytes", paramLabel = "BYTES", defaultValue = "1048576", description = "Larger bodies get 413 (default: ${DEFAULT-VALUE}).")
  int maxBody;

  @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "50",
      description = "Requests per second per source address before 429; 0 turns it off (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--burst", paramLabel = "N", defaultValue = "200", description = "Requests a source may send at once (default: ${DEFAULT-VALUE}).")
  int burst;

  @Option(names = "--join-window-seconds", paramLabel = "S", defaultValue = "30",
      description = "After a stamp answered, alerts about it reuse the answer for this long (default: ${DEFAULT-VALUE}).")
  int joinWindowSeconds;

  @Option(names = "--resource-health-severity", paramLabel = "SEV", defaultValue = "Sev1", converter = SeverityConverter.class,
      description = "Severity given to Resource Health 'Unavailable' events, which carry none (default: ${DEFAULT-VALUE}).")
  Severity resourceHealthSeverity;

  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws EstateException {
    Continuity root = starter.root;
    String secret = secretEnv == null ? null : root.env(secretEnv);
    EntraTokenVerifier entra = null;
    if (entraIssuer != null) {
      if (entraAudiences == null || entraAudiences.isEmpty()) throw new UsageException("--entra-issuer needs --entra-audience");
      entra = new EntraTokenVerifier(entraIssuer, new LinkedHashSet<>(entraAudiences), entraJwks);
    }
    if ((secret == null || secret.isEmpty()) && entra == null) {
      throw new UsageException("the alert server needs a credential to check: set $" + secretEnv
          + " (a shared secret) or give --entra-issuer and --entra-audience");
    }
    if (secret != null && !secret.isEmpty() && secret.length() < 16) {
      throw new UsageException("$" + secretEnv + " is too short to be a secret: use at least 16 characters");
    }
    if ((httpsCert == null) != (httpsKey == null)) throw new UsageException("HTTPS needs both --https-cert and --https-key");
    SSLContext tls;
    try {
      tls = httpsCert == null ? null : ServerCertificate.load(httpsCert, httpsKey);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Estate estate = ContinuityCommand.loadEstate(root);
    // Files on disk are watched: an edited inventory or runbook is used once it validates (docs/alerts.md).
    LiveEstate live = root.configSource() == ConfigSource.FILES && root.configDir() != null
        ? LiveEstate.load(root.configDir(), CONFIG_CHECK) : LiveEstate.fixed(estate);
    Telemetry telemetry = root.telemetry("continuity-starter");
    TemporalSession session = root.connect();
    AlertDispatcher dispatcher = new AlertDispatcher(live, session.client(), Duration.ofSeconds(joinWindowSeconds), 100_000);
    AlertServerOptions options = new AlertServerOptions(host, port, tls, maxBody, rate, burst, new ResourceHealthEvents(resourceHealthSeverity));
    AlertServer server;
    try {
      server = AlertServer.start(options, new AlertAuthenticator(secret, entra), dispatcher, telemetry.registry());
    } catch (RuntimeException e) {
      session.close();
      err().println("continuity: cannot listen on " + host + ":" + port + ": " + rootMessage(e));
      return ExitCodes.FAILED;
    }
    MetricsServer metrics = root.serveMetrics(telemetry, err());
    Runnable stop = () -> {
      server.close();
      session.close();
      if (metrics != null) metrics.close();
      root.closeTelemetry();
    };
    Thread hook = new Thread(() -> {
      stop.run();
      stopped.countDown();
    }, "continuity-starter-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out().println("alert server listening on " + server.baseUrl() + " (POST /eventgrid, POST /alerts; GET /health, /metrics); "
        + (metrics == null ? "" : "metrics also on :" + metrics.port() + "/metrics; ")
        + "Temporal " + session.connection().address() + "; Ctrl-C to stop");
    out().flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // A test (or an embedding program) stops the server by interrupting its thread.
      Runtime.getRuntime().removeShutdownHook(hook);
      stop.run();
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  /** The innermost message, for the one line an operator reads. */
  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
