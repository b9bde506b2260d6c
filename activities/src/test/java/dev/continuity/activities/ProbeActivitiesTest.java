package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.ProbeActions;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Probes through a stub of the vantage-point relay: {@code GET /_probe/<vantage>?url=<target>}. */
class ProbeActivitiesTest {
  static final String EAST = "http://eastus2.ai.example/health";
  static final String WEST = "http://westus2.ai.example/health";

  HttpServer relay;
  /** Per vantage point, the statuses it reports in turn (the last one repeats). */
  final Map<String, Deque<Integer>> seen = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
  final Map<String, String> askedFor = new ConcurrentHashMap<>();
  String body = "ok";
  TestActivityEnvironment env;

  @BeforeEach
  void setUp() throws Exception {
    relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    relay.createContext("/_probe/", exchange -> {
      String vantage = exchange.getRequestURI().getPath().substring("/_probe/".length());
      String target = URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring("url=".length()), StandardCharsets.UTF_8);
      asked.computeIfAbsent(vantage, v -> new AtomicInteger()).incrementAndGet();
      askedFor.put(vantage, target);
      Deque<Integer> statuses = seen.get(vantage);
      int status = statuses.size() > 1 ? statuses.poll() : statuses.peek();
      byte[] bytes = (status == 200 ? body : "down").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    relay.start();
  }

  @AfterEach
  void tearDown() {
    if (env != null) env.close();
    relay.stop(0);
  }

  ProbeActions probes(String relayBase) {
    ActivitiesConfig config = new ActivitiesConfig(null, relayBase, 1.0, Duration.ofMillis(5), null, null);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new ProbeActivities(config));
    return env.newActivityStub(ProbeActions.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
  }

  ProbeActions viaRelay() {
    return probes("http://127.0.0.1:" + relay.getAddress().getPort() + "/_probe");
  }

  void vantage(String name, Integer... statuses) {
    seen.put(name, new ArrayDeque<>(List.of(statuses)));
  }

  static ActionRequest request(String action, Map<String, Object> params) {
    ResourceRef probe = new ResourceRef("probe-ai", "healthProbe", null, null, Map.of(
        "endpoints", Map.of("eastus2", EAST, "westus2", WEST),
        "vantagePoints", List.of("centralus", "westeurope", "southeastasia")));
    return new ActionRequest("op-1", "verify-outage", action, probe, params, "ai-platform", "eastus2", "westus2", false);
  }

  @Test
  void outageConfirmedWhenEveryVantagePointSeesThreeFailuresInARow() {
    vantage("centralus", 503);
    vantage("westeurope", 503);
    vantage("southeastasia", 503);

    ActionResult result = viaRelay().regionDown(request("probe.regionDown", Map.of("region", "eastus2")));

    assertEquals(true, result.facts().get(Facts.OUTAGE_CONFIRMED), result.message());
    assertEquals(3, asked.get("centralus").get());
    assertEquals(EAST, askedFor.get("westeurope"));
  }

  @Test
  void aMajorityIsEnough() {
    vantage("centralus", 503);
    vantage("westeurope", 503);
    vantage("southeastasia", 200);

    ActionResult result = viaRelay().regionDown(request("probe.regionDown", Map.of("region", "eastus2", "consecutiveFailures", "2")));

    assertEquals(true, result.facts().get(Facts.OUTAGE_CONFIRMED), result.message());
    assertEquals(2, ((Number) result.facts().get("vantagePointsDown")).intValue());
    assertEquals(1, asked.get("southeastasia").get(), "a healthy vantage point is not asked again");
  }

  @Test
  void oneVantagePointAloneDoesNotConfirmAnOutage() {
    vantage("centralus", 503);
    vantage("westeurope", 200);
    vantage("southeastasia", 200);

    ActionResult result = viaRelay().regionDown(request("probe.regionDown", Map.of("region", "eastus2")));

    assertEquals(false, result.facts().get(Facts.OUTAGE_CONFIRMED));
    assertEquals(1, asked.get("centralus").get(), "stops as soon as the quorum cannot be reached");
  }

  @Test
  void aRecoveryBreaksTheStreak() {
    vantage("centralus", 503, 200, 503);
    vantage("westeurope", 503, 200, 503);
    vantage("southeastasia", 503, 503, 503);

    ActionResult result = viaRelay().regionDown(request("probe.regionDown", Map.of("region", "eastus2")));

    assertEquals(false, result.facts().get(Facts.OUTAGE_CONFIRMED), result.message());
  }

  @Test
  void anExplicitQuorumIsHonoured() {
    vantage("centralus", 503);
    vantage("westeurope", 200);
    vantage("southeastasia", 200);

    ActionResult result = viaRelay().regionDown(request("probe.regionDown", Map.of("region", "eastus2", "quorum", 1)));

    assertEquals(true, result.facts().get(Facts.OUTAGE_CONFIRMED));
  }

  @Test
  void unreachableRelaysNeverConfirmAnOutage() {
    ActionResult result = probes("http://127.0.0.1:9/_probe").regionDown(request("probe.regionDown", Map.of("region", "eastus2")));

    assertEquals(false, result.facts().get(Facts.OUTAGE_CONFIRMED));
  }

  @Test
  void healthChecksStatusAndBodyForDegradedModes() {
    vantage("centralus", 200);
    vantage("westeurope", 200);
    vantage("southeastasia", 200);
    body = "{\"mode\":\"degraded-readonly\"}";

    ActionResult ok = viaRelay().httpHealth(request("probe.httpHealth", Map.of("region", "westus2", "expectBody", "degraded-readonly")));
    assertEquals(3, ((Number) ok.facts().get("vantagePointsHealthy")).intValue());
    assertEquals(WEST, askedFor.get("centralus"));

    ApplicationFailure f = ActivityHarness.failure(() ->
        viaRelay().httpHealth(request("probe.httpHealth", Map.of("region", "westus2", "expectBody", "full"))));
    assertFalse(f.isNonRetryable());
    assertEquals(AzureCall.NOT_CONVERGED, f.getType());
  }

  @Test
  void withoutARelayTheWorkerIsTheOnlyVantagePoint() {
    String direct = "http://127.0.0.1:" + relay.getAddress().getPort() + "/_probe/worker?url=x";
    vantage("worker", 503);
    ResourceRef probe = new ResourceRef("probe", "healthProbe", null, null, Map.of("endpoints", Map.of("eastus2", direct)));

    ActionResult result = probes(null).regionDown(new ActionRequest("op", "s", "probe.regionDown", probe,
        Map.of("region", "eastus2", "consecutiveFailures", 2), "web-api", "eastus2", "westus2", false));

    assertEquals(true, result.facts().get(Facts.OUTAGE_CONFIRMED));
    assertEquals(2, asked.get("worker").get());
  }

  @Test
  void unknownRegionFailsForGood() {
    ApplicationFailure f = ActivityHarness.failure(() ->
        viaRelay().regionDown(request("probe.regionDown", Map.of("region", "centralus"))));
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("centralus"), f.getOriginalMessage());
  }
}
