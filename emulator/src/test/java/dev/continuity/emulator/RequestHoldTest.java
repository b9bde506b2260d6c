package dev.continuity.emulator;

import static dev.continuity.emulator.DemoInventory.TM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A held ARM request commits nothing until it is released, and only the next matching request is held. */
class RequestHoldTest extends EmulatorTestBase {
  private static final String WEST = TM + "/azureEndpoints/westus2";

  @BeforeEach
  void startInstant() {
    start(0);
  }

  @Test
  void aHeldPatchChangesNothingUntilReleasedThenItDoes() throws Exception {
    assertFalse(control.holdArrived(), "nothing arrived before a hold is armed");
    control.hold("TM-AI-PLATFORM", "PATCH");
    assertEquals(false, control.get("hold").path("arrived").asBoolean());
    assertEquals(true, control.get("hold").path("armed").asBoolean());

    CompletableFuture<Arm.Reply> held = CompletableFuture.supplyAsync(() -> arm.send("PATCH", WEST, priority(5)));
    awaitArrival();
    JsonNode view = control.get("hold");
    assertTrue(view.path("holding").asBoolean(), view.toString());
    assertTrue(view.path("request").asText().contains("/azureEndpoints/westus2"), view.toString());
    // The rest of the emulator answers meanwhile, and the held change is not made.
    assertEquals(2, priorityOfWest());
    assertEquals(0, journal("tm-ai-platform", null).size());
    Thread.sleep(300);
    assertFalse(held.isDone(), "the PATCH waits for the release");

    assertTrue(control.release().path("released").asBoolean());
    Arm.Reply reply = held.get(10, TimeUnit.SECONDS);
    assertEquals(200, reply.status(), reply.raw().body());
    assertEquals(5, priorityOfWest());
    assertEquals(1, journal("tm-ai-platform", null).size());
    JsonNode after = control.get("hold");
    assertTrue(after.path("arrived").asBoolean() && !after.path("holding").asBoolean() && !after.path("armed").asBoolean(), after.toString());

    // Only the next matching request was held: the following one goes through at once.
    assertEquals(200, CompletableFuture.supplyAsync(() -> arm.send("PATCH", WEST, priority(6))).get(5, TimeUnit.SECONDS).status());
    assertEquals(6, priorityOfWest());
  }

  @Test
  void requestsTheHoldDoesNotMatchGoThrough() throws Exception {
    control.hold("tm-ai-platform", "PUT");
    // Another method on the resource, a read of it, a change elsewhere: none is held.
    assertEquals(200, CompletableFuture.supplyAsync(() -> arm.send("PATCH", WEST, priority(7))).get(5, TimeUnit.SECONDS).status());
    assertEquals(200, CompletableFuture.supplyAsync(() -> arm.get(TM)).get(5, TimeUnit.SECONDS).status());
    assertEquals(7, priorityOfWest());
    assertFalse(control.holdArrived());
    assertTrue(control.get("hold").path("armed").asBoolean(), "the hold still waits for its request");
    assertFalse(control.release().path("released").asBoolean(), "there was nothing to release");
    assertFalse(control.get("hold").path("armed").asBoolean());
  }

  @Test
  void aHeldRequestWhoseClientWentAwayIsMadeOnReleaseAndTheEmulatorCarriesOn() throws Exception {
    control.hold("tm-ai-platform", null);
    HttpClient impatient = HttpClient.newHttpClient();
    HttpRequest patch = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + WEST + "?api-version=" + Arm.API))
        .timeout(Duration.ofMillis(500)).header("Authorization", "Bearer test-token").header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(priority(8))).build();
    assertThrows(HttpTimeoutException.class, () -> impatient.send(patch, HttpResponse.BodyHandlers.ofString()));
    assertTrue(control.holdArrived());
    control.release();
    // The change the caller sent is made (its answer is lost), exactly once, and the emulator still answers.
    long deadline = System.currentTimeMillis() + 5000;
    while (priorityOfWest() != 8 && System.currentTimeMillis() < deadline) Thread.sleep(20);
    assertEquals(8, priorityOfWest());
    assertEquals(1, journal("tm-ai-platform", null).size());
    assertEquals(200, arm.send("PATCH", WEST, priority(9)).status());
    assertEquals(9, priorityOfWest());
  }

  @Test
  void armingAgainReplacesTheHoldAndLetsTheHeldRequestGo() throws Exception {
    control.hold("tm-ai-platform", "PATCH");
    CompletableFuture<Arm.Reply> held = CompletableFuture.supplyAsync(() -> arm.send("PATCH", WEST, priority(5)));
    awaitArrival();
    control.hold("no-such-resource", "DELETE");
    assertEquals(200, held.get(5, TimeUnit.SECONDS).status());
    JsonNode view = control.get("hold");
    assertTrue(view.path("armed").asBoolean() && !view.path("arrived").asBoolean(), view.toString());
    assertEquals("no-such-resource", view.path("resourceContains").asText());
  }

  @Test
  void aHeldRequestGoesOnAfterTheTimeLimit() throws Exception {
    RequestHold hold = new RequestHold(Duration.ofMillis(300));
    hold.arm("tm-web-api", null);
    long t0 = System.nanoTime();
    hold.awaitIfHeld("PUT", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/trafficmanagerprofiles/TM-WEB-API");
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(waited >= 250 && waited < 5000, "held for the limit, not forever: " + waited + " ms");
    JsonNode view = hold.view();
    assertTrue(view.path("arrived").asBoolean() && !view.path("armed").asBoolean() && !view.path("holding").asBoolean(), view.toString());
  }

  @Test
  void aBadHoldIsRefusedWithAReason() {
    IllegalStateException noResource = assertThrows(IllegalStateException.class, () -> control.hold(" ", null));
    assertTrue(noResource.getMessage().contains("resourceContains"), noResource.getMessage());
    IllegalStateException badMethod = assertThrows(IllegalStateException.class, () -> control.hold("tm", "GET"));
    assertTrue(badMethod.getMessage().contains("PUT, PATCH, POST, DELETE"), badMethod.getMessage());
  }

  private void awaitArrival() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (!control.holdArrived()) {
      assertTrue(System.currentTimeMillis() < deadline, "the request reached the hold");
      Thread.sleep(20);
    }
  }

  private int priorityOfWest() {
    return arm.get(WEST).json().path("properties").path("priority").asInt();
  }

  private static String priority(int p) {
    return "{\"properties\":{\"priority\":" + p + "}}";
  }
}
