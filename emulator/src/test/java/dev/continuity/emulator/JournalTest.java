package dev.continuity.emulator;

import static dev.continuity.emulator.DemoInventory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The journal records every change once, with before/after and the operation that made it. */
class JournalTest extends EmulatorTestBase {

  @BeforeEach
  void startInstant() {
    start(0);
  }

  @Test
  void repeatingADesiredStateRecordsOneChange() {
    String body = "{\"properties\":{\"endpointStatus\":\"Disabled\"}}";
    for (int i = 0; i < 3; i++) assertEquals(200, arm.send("PATCH", TM + "/azureEndpoints/eastus2", body).status());
    List<JsonNode> entries = journal("tm-ai-platform/azureEndpoints/eastus2", null);
    assertEquals(1, entries.size());
    assertTrue(entries.get(0).path("before").asText().contains("status=Enabled"));
    assertTrue(entries.get(0).path("after").asText().contains("status=Disabled"));
    assertEquals(200, arm.send("PATCH", ALERT, "{\"properties\":{\"enabled\":false}}").status());
    assertEquals(200, arm.send("PATCH", ALERT, "{\"properties\":{\"enabled\":false}}").status());
    assertEquals(1, journal("alert-ai-platform-5xx", "monitor.updateAlertRule").size());
  }

  @Test
  void aLongRunningOperationIsJournaledOnceWithItsIdHoweverOftenItIsPolled() {
    Arm.Reply r = arm.send("PATCH", FD + "/originGroups/default/origins/eastus2", "{\"properties\":{\"enabledState\":\"Disabled\"}}");
    assertEquals(202, r.status());
    String async = r.header("Azure-AsyncOperation").orElseThrow();
    for (int i = 0; i < 10; i++) arm.awaitAsync(async);
    for (int i = 0; i < 5; i++) arm.awaitLocation(r.header("Location").orElseThrow());
    List<JsonNode> entries = journal("origins/eastus2", "frontDoor.updateOrigin");
    assertEquals(1, entries.size());
    String opName = arm.send("GET", async, null, null).json().path("name").asText();
    assertEquals(opName, entries.get(0).path("operationId").asText());
    assertEquals("Disabled", arm.get(FD + "/originGroups/default/origins/eastus2").json().path("properties").path("enabledState").asText());
  }

  @Test
  void everyKindOfMutationIsJournaledAndTheJournalCanBeFiltered() {
    control.outage("westus");
    control.restore("westus");
    arm.send("PUT", DNS + "/CNAME/www", "{\"properties\":{\"TTL\":60,\"CNAMERecord\":{\"cname\":\"app-web-api-westus.azurewebsites.net\"}}}");
    arm.send("PUT", APP_WEST + "/config/appsettings", "{\"properties\":{\"MODE\":\"active\"}}");
    arm.awaitLocation(arm.send("POST", APP_WEST + "/slotsswap", "{\"targetSlot\":\"staging\",\"preserveVnet\":true}").header("Location").orElseThrow());
    arm.awaitLocation(arm.send("POST", AKS + "/stop", null).header("Location").orElseThrow());
    List<String> ops = journal(null, null).stream().map(e -> e.path("operation").asText()).toList();
    assertEquals(List.of("region.outage", "region.restore", "dns.updateRecordSet", "appService.setAppSettings",
        "appService.swapSlot", "aks.stop"), ops);
    assertEquals(1, journal("dnszones", null).size());
    JsonNode dns = journal("dnszones", null).get(0);
    assertTrue(dns.path("before").asText().contains("tm-web-api.trafficmanager.net"), dns.toString());
    assertTrue(dns.path("after").asText().contains("app-web-api-westus.azurewebsites.net ttl=60"), dns.toString());
  }
}
