package dev.continuity.activities;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where the activities reach Azure and how they pace themselves.
 *
 * @param armEndpoint null for public Azure; otherwise a custom Resource Manager endpoint. An http or
 *     loopback endpoint is the local ARM emulator, which takes a fixed bearer token instead of a real one.
 * @param probeRelay base URL of the vantage-point relays ({@code <relayBase>/<vantage>?url=...}); null probes
 *     directly from the worker as the only vantage point
 * @param timeScale factor applied to probe intervals, as the emulator's {@code --time-scale} is to Azure's
 *     durations: 1 is real time, 0.01 a hundred times faster, 0 no pause at all
 * @param probeInterval pause between two probe rounds, before scaling
 * @param pollInterval wait between two polls of a long-running operation when Azure sends no Retry-After
 * @param maxPollInterval upper bound on any wait between polls, so heartbeats keep flowing
 */
public record ActivitiesConfig(
    URI armEndpoint,
    String probeRelay,
    double timeScale,
    Duration probeInterval,
    Duration pollInterval,
    Duration maxPollInterval) {

  public static final String ARM_ENDPOINT = "CONTINUITY_ARM_ENDPOINT";
  public static final String PROBE_RELAY = "CONTINUITY_PROBE_RELAY";
  public static final String TIME_SCALE = "CONTINUITY_TIME_SCALE";

  public ActivitiesConfig {
    if (!(timeScale >= 0)) throw new IllegalArgumentException("time scale must be 0 or more, got " + timeScale);
    if (probeInterval == null) probeInterval = Duration.ofSeconds(10);
    if (pollInterval == null) pollInterval = Duration.ofSeconds(10);
    if (maxPollInterval == null) maxPollInterval = Duration.ofSeconds(60);
    if (probeRelay != null && probeRelay.isBlank()) probeRelay = null;
    if (probeRelay != null && probeRelay.endsWith("/")) probeRelay = probeRelay.substring(0, probeRelay.length() - 1);
  }

  /** Public Azure with DefaultAzureCredential, probes straight from the worker. */
  public static ActivitiesConfig azure() {
    return new ActivitiesConfig(null, null, 1.0, null, null, null);
  }

  /** The local ARM emulator at {@code armEndpoint}, which is also the probe relay. */
  public static ActivitiesConfig emulator(URI armEndpoint, double timeScale) {
    String base = armEndpoint.toString().replaceAll("/+$", "");
    return new ActivitiesConfig(armEndpoint, base + "/_probe", timeScale, null, Duration.ofSeconds(1), null);
  }

  /** Reads system properties first (continuity.arm.endpoint ...), then environment variables. */
  public static ActivitiesConfig fromEnvironment() {
    return from(name -> {
      String prop = System.getProperty(name.toLowerCase(Locale.ROOT).replace("continuity_", "continuity.").replace('_', '.'));
      return prop != null ? prop : System.getenv(name);
    });
  }

  static ActivitiesConfig from(Function<String, String> lookup) {
    String endpoint = lookup.apply(ARM_ENDPOINT);
    String relay = lookup.apply(PROBE_RELAY);
    String scale = lookup.apply(TIME_SCALE);
    double timeScale;
    try {
      timeScale = scale == null || scale.isBlank() ? 1.0 : Double.parseDouble(scale.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(TIME_SCALE + " must be a number, got '" + scale + "'");
    }
    URI arm = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim());
    if (arm != null && relay == null && isEmulator(arm)) {
      return emulator(arm, timeScale);
    }
    return new ActivitiesConfig(arm, relay, timeScale, null, null, null);
  }

  public boolean emulated() {
    return armEndpoint != null && isEmulator(armEndpoint);
  }

  /** Probe interval after the time scale (a scale of 0.01 turns 10 s into 100 ms). */
  public Duration scaledProbeInterval() {
    return Duration.ofMillis((long) (probeInterval.toMillis() * timeScale));
  }

  public ActivitiesConfig withPolling(Duration poll, Duration maxPoll) {
    return new ActivitiesConfig(armEndpoint, probeRelay, timeScale, probeInterval, poll, maxPoll);
  }

  public ActivitiesConfig withProbeInterval(Duration interval) {
    return new ActivitiesConfig(armEndpoint, probeRelay, timeScale, interval, pollInterval, maxPollInterval);
  }

  private static boolean isEmulator(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost();
    return "http".equalsIgnoreCase(uri.getScheme()) || host.equals("localhost") || host.startsWith("127.");
  }
}
