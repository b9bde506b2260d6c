package dev.continuity.activities;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.ProbeActions;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP health probes of a region's endpoints, seen from several vantage points.
 *
 * <p>One vantage point that cannot reach a region proves little (its own network may be the
 * problem), so an outage is confirmed only when a quorum of vantage points each sees N failures in a
 * row. A vantage point whose relay cannot be reached counts as not seeing an outage: a broken probe
 * must not trigger a failover.
 */
public final class ProbeActivities implements ProbeActions {
  private static final Logger log = LoggerFactory.getLogger(ProbeActivities.class);
  static final String DIRECT = "worker";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final ActivitiesConfig config;
  private final HttpClient http;

  public ProbeActivities(ActivitiesConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** One check's outcome as one vantage point saw it; {@code reached} is false when the vantage point itself failed. */
  record Observation(boolean reached, boolean healthy, String detail) {}

  @Override
  public ActionResult regionDown(ActionRequest request) {
    String region = Params.string(request, "region");
    List<String> urls = endpoints(request, region);
    List<String> vantages = vantagePoints(request);
    Integer asked = Params.optionalInteger(request, "consecutiveFailures", 1, 100);
    int needed = asked == null ? 3 : asked;
    int quorum = quorum(request, vantages.size());

    Map<String, Integer> failures = new LinkedHashMap<>();
    Map<String, String> last = new LinkedHashMap<>();
    vantages.forEach(v -> failures.put(v, 0));
    int rounds = 0;
    for (int round = 1; round <= needed; round++) {
      rounds = round;
      for (String vantage : vantages) {
        if (failures.get(vantage) < round - 1) continue; // its streak is already broken
        Observation o = checkAll(vantage, urls, 200, null);
        last.put(vantage, o.detail());
        if (o.reached() && !o.healthy()) failures.merge(vantage, 1, Integer::sum);
      }
      final int completed = round;
      int stillFailing = (int) failures.values().stream().filter(f -> f == completed).count();
      Activity.getExecutionContext().heartbeat(failures);
      if (stillFailing < quorum || round == needed) break;
      pause();
    }
    final int finalRounds = rounds;
    int down = (int) failures.values().stream().filter(f -> f >= needed && f == finalRounds).count();
    boolean confirmed = down >= quorum && rounds == needed;
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(Facts.OUTAGE_CONFIRMED, confirmed);
    facts.put("region", region);
    facts.put("vantagePointsDown", down);
    facts.put("quorum", quorum);
    facts.put("consecutiveFailures", needed);
    facts.put("observations", last);
    String message = confirmed
        ? region + " is down: " + down + " of " + vantages.size() + " vantage points saw " + needed + " failures in a row (quorum " + quorum + ")"
        : region + " not confirmed down: " + down + " of " + vantages.size() + " vantage points saw " + needed
            + " failures in a row, quorum is " + quorum;
    log.info("probe.regionDown: {}", message);
    return new ActionResult(false, message, facts);
  }

  @Override
  public ActionResult httpHealth(ActionRequest request) {
    String region = Params.string(request, "region");
    List<String> urls = endpoints(request, region);
    List<String> vantages = vantagePoints(request);
    Integer expected = Params.optionalInteger(request, "expectStatus", 100, 599);
    int status = expected == null ? 200 : expected;
    String body = Params.optionalString(request, "expectBody");
    int quorum = quorum(request, vantages.size());

    Map<String, String> seen = new LinkedHashMap<>();
    int healthy = 0;
    for (String vantage : vantages) {
      Observation o = checkAll(vantage, urls, status, body);
      seen.put(vantage, o.detail());
      if (o.reached() && o.healthy()) healthy++;
      Activity.getExecutionContext().heartbeat(seen);
    }
    String expectation = "HTTP " + status + (body == null ? "" : " with '" + body + "'");
    if (healthy < quorum) {
      // Retryable: a region coming back takes a while; the step's retry policy bounds the wait.
      throw ApplicationFailure.newFailure(region + " does not answer " + expectation + " from a quorum: " + healthy + " of "
          + vantages.size() + " vantage points (quorum " + quorum + "): " + seen, AzureCall.NOT_CONVERGED);
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("region", region);
    facts.put("vantagePointsHealthy", healthy);
    facts.put("observations", seen);
    return new ActionResult(false, region + " answers " + expectation + " from " + healthy + " of " + vantages.size() + " vantage points", facts);
  }

  private Observation checkAll(String vantage, List<String> urls, int expectStatus, String expectBody) {
    List<String> details = new ArrayList<>();
    boolean healthy = true;
    for (String url : urls) {
      Observation o = check(vantage, url, expectStatus, expectBody);
      if (!o.reached()) return o;
      healthy &= o.healthy();
      details.add(o.detail());
    }
    return new Observation(true, healthy, String.join("; ", details));
  }

  private Observation check(String vantage, String url, int expectStatus, String expectBody) {
    URI uri = config.probeRelay() == null ? URI.create(url)
        : URI.create(config.probeRelay() + "/" + URLEncoder.encode(vantage, StandardCharsets.UTF_8)
            + "?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      boolean ok = response.statusCode() == expectStatus && (expectBody == null || response.body().contains(expectBody));
      return new Observation(true, ok, "HTTP " + response.statusCode());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while probing " + url, "Interrupted");
    } catch (Exception e) {
      if (config.probeRelay() == null) {
        // Straight from the worker, a refused or timed-out connection is what an outage looks like.
        return new Observation(true, false, e.getClass().getSimpleName());
      }
      log.warn("vantage point {} could not be asked about {}: {}", vantage, url, e.toString());
      return new Observation(false, false, "relay unreachable: " + e.getClass().getSimpleName());
    }
  }

  private void pause() {
    long ms = config.scaledProbeInterval().toMillis();
    if (ms <= 0) return;
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted between probe rounds", "Interrupted");
    }
  }

  private static List<String> endpoints(ActionRequest request, String region) {
    Object all = request.target() == null || request.target().properties() == null ? null
        : request.target().properties().get("endpoints");
    if (!(all instanceof Map<?, ?> byRegion)) {
      throw ApplicationFailure.newNonRetryableFailure("health probe " + (request.target() == null ? "" : request.target().name())
          + " has no properties.endpoints (region -> health URL)", "InvalidTarget");
    }
    Object value = byRegion.entrySet().stream().filter(e -> Regions.same(String.valueOf(e.getKey()), region))
        .map(Map.Entry::getValue).findFirst().orElse(null);
    List<String> urls = new ArrayList<>();
    if (value instanceof Collection<?> c) c.forEach(u -> urls.add(String.valueOf(u)));
    else if (value != null) urls.add(value.toString());
    if (urls.isEmpty()) {
      throw Params.bad(request, "region", "is '" + region + "', which has no health URL in the probe's properties.endpoints (has " + byRegion.keySet() + ")");
    }
    for (String u : urls) {
      if (!u.startsWith("http://") && !u.startsWith("https://")) {
        throw ApplicationFailure.newNonRetryableFailure("health URL '" + u + "' for " + region + " is not an http(s) URL", "InvalidTarget");
      }
    }
    return urls;
  }

  private List<String> vantagePoints(ActionRequest request) {
    if (config.probeRelay() == null) return List.of(DIRECT);
    Object raw = request.target() == null || request.target().properties() == null ? null
        : request.target().properties().get("vantagePoints");
    List<String> names = new ArrayList<>();
    if (raw instanceof Collection<?> c) c.forEach(v -> names.add(String.valueOf(v)));
    else if (raw != null) for (String s : raw.toString().split(",")) if (!s.isBlank()) names.add(s.trim());
    return names.isEmpty() ? List.of(DIRECT) : names;
  }

  private static int quorum(ActionRequest request, int vantages) {
    Integer q = Params.optionalInteger(request, "quorum", 1, 1000);
    int majority = vantages / 2 + 1;
    if (q == null) return majority;
    if (q > vantages) throw Params.bad(request, "quorum", "is " + q + " but there are only " + vantages + " vantage points");
    return q;
  }
}
