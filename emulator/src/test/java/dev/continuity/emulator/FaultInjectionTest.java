package dev.continuity.emulator;

import static dev.continuity.emulator.DemoInventory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transient faults come from a seeded sequence, and a retried mutation is applied once. */
class FaultInjectionTest extends EmulatorTestBase {

  @BeforeEach
  void startInstant() {
    start(0);
  }

  @Test
  void theSameSeedGivesTheSameFaultsOnTheSameRequests() {
    control.faults(0.4, 1234);
    List<String> first = observe(40);
    control.faults(0.4, 1234);
    List<String> second = observe(40);
    assertEquals(first, second);
    Set<String> kinds = new HashSet<>(first);
    assertTrue(kinds.containsAll(Set.of("200", "429", "500", "dropped")), "all fault kinds occur: " + first);
    control.faults(0.4, 99);
    assertTrue(!observe(40).equals(first), "another seed gives another sequence");
    control.faults(0, 1);
    assertEquals(List.of("200", "200", "200"), observe(3));
  }

  @Test
  void throttlingCarriesRetryAfterAndTheArmErrorShape() {
    control.faults(1.0, 5);
    for (int i = 0; i < 30; i++) {
      String s = once(TM);
      if (s.startsWith("429|")) {
        assertTrue(s.contains("TooManyRequests"), s);
        assertTrue(s.contains("retry-after=1"), s);
        return;
      }
    }
    throw new AssertionError("no 429 in 30 requests at fault rate 1");
  }

  @Test
  void mutationsRetriedThroughFaultsAreAppliedExactlyOnce() {
    control.faults(0.5, 77);
    for (int prio = 10; prio < 20; prio++) {
      retryUntilOk("PATCH", TM + "/azureEndpoints/westus2", "{\"properties\":{\"priority\":" + prio + "}}");
    }
    retryUntilOk("POST", COSMOS + "/failoverPriorityChange", cosmosPriorities("westus2", "eastus2"));
    retryUntilOk("POST", APP_WEST + "/stop", null);
    long injected = control.get("faults").path("injected").asLong();
    control.faults(0, 1);
    assertEquals(10, journal("tm-ai-platform/azureEndpoints/westus2", "trafficManager.updateEndpoint").size());
    // the Cosmos operation completes (time scale 0) on the next tick: wait for it
    for (int i = 0; i < 100 && journal("cosmos-ai-platform", null).isEmpty(); i++) Arm.sleep(20);
    assertEquals(1, journal("cosmos-ai-platform", "cosmos.failoverPriorityChange").size());
    assertEquals(1, journal("app-web-api-westus", "appService.stop").size());
    assertEquals(19, arm.get(TM + "/azureEndpoints/westus2").json().path("properties").path("priority").asInt());
    assertTrue(injected >= 5, "faults were injected: " + injected);
  }

  private void retryUntilOk(String method, String path, String body) {
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        int s = arm.send(method, path, body).status();
        if (s < 300) return;
        assertTrue(s == 429 || s == 500, "only transient faults expected, got " + s);
      } catch (RuntimeException dropped) {
        // a dropped connection: retry like the SDK's retry policy does
      }
    }
    throw new AssertionError("never succeeded: " + method + " " + path);
  }

  /** Status of each of n GETs, "dropped" for a connection closed without an answer. */
  private List<String> observe(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String s = once(i % 2 == 0 ? TM : COSMOS);
      out.add(s.substring(0, s.indexOf('|')));
    }
    return out;
  }

  /** One request on a fresh connection (so a dropped connection is never retried by the client). */
  private String once(String path) {
    HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> r = fresh.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path + "?api-version=2022-04-01"))
          .header("Authorization", "Bearer t").timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() + "|" + r.body() + "|retry-after=" + r.headers().firstValue("Retry-After").orElse("");
    } catch (java.io.IOException e) {
      return "dropped|" + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }
}
