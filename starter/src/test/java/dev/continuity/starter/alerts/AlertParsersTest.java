package dev.continuity.starter.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.config.Estate;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.Stamp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertParsersTest {
  private static final ResourceHealthEvents HEALTH = new ResourceHealthEvents(Severity.Sev1);

  private static List<String> stamps(AlertSignal s) throws Exception {
    return new StampMatcher(Estate.load(Path.of("..", "runbooks")).inventory()).stamps(s).stream().map(Stamp::name).toList();
  }

  @Test
  void everyCommonAlertSchemaKindReadsAndMapsToItsStamp() throws Exception {
    AlertSignal metric = CommonAlertParser.parse(Payloads.read("monitor-metric-fired.json"));
    assertEquals(AlertSignal.Condition.FIRED, metric.condition());
    assertEquals(Severity.Sev1, metric.severity());
    assertEquals("Platform/Metric", metric.type());
    assertEquals(List.of("ai-platform"), stamps(metric));

    AlertSignal resolved = CommonAlertParser.parse(Payloads.read("monitor-metric-resolved.json"));
    assertEquals(AlertSignal.Condition.RESOLVED, resolved.condition());
    assertEquals(metric.alertId(), resolved.alertId());
    assertTrue(!metric.key().equals(resolved.key()), "fired and resolved are different notifications");

    AlertSignal log = CommonAlertParser.parse(Payloads.read("monitor-log-fired.json"));
    assertEquals(Severity.Sev2, log.severity());
    assertEquals(List.of("web-api"), stamps(log));

    AlertSignal activity = CommonAlertParser.parse(Payloads.read("monitor-activitylog-fired.json"));
    assertEquals(Severity.Sev4, activity.severity());
    assertEquals(List.of("web-api"), stamps(activity));

    AlertSignal health = CommonAlertParser.parse(Payloads.read("monitor-resourcehealth-fired.json"));
    assertEquals("Resource Health/Activity Log", health.type());
    assertEquals(List.of("ai-platform"), stamps(health));

    AlertSignal service = CommonAlertParser.parse(Payloads.read("monitor-servicehealth-fired.json"));
    assertEquals(List.of("eastus2"), service.regions());
    // A service-health incident hits every stamp whose primary is in the impacted region.
    assertEquals(List.of("ai-platform", "data-pipelines", "aks-airflow"), stamps(service),
        "East US 2 is the primary of ai-platform, data-pipelines and aks-airflow, not of web-api or genai");
  }

  @Test
  void theStandbyRegionsResourcesAndStrangersMatchNoStamp() throws Exception {
    String standby = Payloads.read("monitor-metric-fired.json").replace(
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-ai-platform/providers/microsoft.documentdb/databaseaccounts/cosmos-ai-platform",
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai-platform/providers/Microsoft.Cache/redis/redis-ai-platform-westus2");
    assertEquals(List.of(), stamps(CommonAlertParser.parse(standby)));
    String child = Payloads.read("monitor-metric-fired.json").replace("databaseaccounts/cosmos-ai-platform\"",
        "DatabaseAccounts/COSMOS-AI-PLATFORM/sqlDatabases/orders\"");
    assertEquals(List.of("ai-platform"), stamps(CommonAlertParser.parse(child)), "a sub-resource, in any case");
    String prefix = Payloads.read("monitor-metric-fired.json").replace("cosmos-ai-platform\"", "cosmos-ai-platform-old\"");
    assertEquals(List.of(), stamps(CommonAlertParser.parse(prefix)), "a longer name is another resource");
  }

  @Test
  void eventGridBatchesAndCloudEventsReadWithTheSdk() throws Exception {
    EventGridDelivery batch = EventGridParser.parse(Payloads.read("eventgrid-resourcehealth-batch.json"), HEALTH);
    assertEquals(2, batch.events());
    assertEquals(List.of("Microsoft.Storage.BlobCreated"), batch.ignoredTypes());
    assertEquals(1, batch.signals().size());
    AlertSignal down = batch.signals().get(0);
    assertEquals(AlertSignal.Condition.FIRED, down.condition());
    assertEquals(Severity.Sev1, down.severity());
    assertEquals(List.of("web-api"), stamps(down));
    assertNull(batch.validationCode());

    EventGridDelivery validation = EventGridParser.parse(Payloads.read("eventgrid-validation.json"), HEALTH);
    assertEquals("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", validation.validationCode());

    EventGridDelivery cloud = EventGridParser.parse(Payloads.read("cloudevents-resourcehealth.json"), HEALTH);
    assertEquals("cloudevents", cloud.signals().get(0).channel());
    assertEquals(List.of("ai-platform"), stamps(cloud.signals().get(0)));

    String available = Payloads.read("cloudevents-resourcehealth.json").replace("\"availabilityState\": \"Unavailable\"", "\"availabilityState\": \"Available\"");
    assertEquals(AlertSignal.Condition.RESOLVED, EventGridParser.parse(available, HEALTH).signals().get(0).condition());
    String degraded = available.replace("\"availabilityState\": \"Available\"", "\"availabilityState\": \"Degraded\"");
    assertEquals(AlertSignal.Condition.INFORMATIONAL, EventGridParser.parse(degraded, HEALTH).signals().get(0).condition());
  }

  private static String refusal(String body) {
    return assertThrows(BadAlertException.class, () -> CommonAlertParser.parse(body)).getMessage();
  }

  private static String eventGridRefusal(String body) {
    return assertThrows(BadAlertException.class, () -> EventGridParser.parse(body, HEALTH)).getMessage();
  }

  @Test
  void badBodiesAreRefusedNamingWhatIsWrong() {
    String good = Payloads.read("monitor-metric-fired.json");
    assertTrue(refusal("").contains("empty"));
    assertTrue(refusal(good.substring(0, good.length() / 2)).contains("not valid JSON"), "truncated");
    assertTrue(refusal("[1,2]").contains("not an array"));
    assertTrue(refusal(good.replace("\"severity\": \"Sev1\"", "\"severity\": 1")).contains("$.data.essentials.severity must be a string, not a number"));
    assertTrue(refusal(good.replace("\"severity\": \"Sev1\"", "\"severity\": \"Sev9\"")).contains("Sev0..Sev4"));
    assertTrue(refusal(good.replace("\"monitorCondition\": \"Fired\"", "\"monitorCondition\": \"Burning\"")).contains("Fired or Resolved"));
    assertTrue(refusal(good.replace("azureMonitorCommonAlertSchema", "AzureMonitorMetricAlert")).contains("schemaId"));
    assertTrue(refusal(good.replace("\"alertTargetIDs\": [", "\"alertTargetIDs\": [ 42,")).contains("alertTargetIDs[0] must be a string"));
    assertTrue(refusal(good.replace("\"alertRule\"", "\"severity\": \"Sev0\", \"alertRule\"")).contains("Duplicate field 'severity'"),
        "a duplicate key could smuggle a second severity past a lenient reader");
    assertTrue(refusal(good + " {}").contains("not valid JSON"), "trailing content");
    assertTrue(refusal("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}").contains("not valid JSON"), "deep nesting");
    assertTrue(refusal(good.replace("2026-11-21T13:58:24.3713213Z", "yesterday")).contains("firedDateTime"));
  }

  @Test
  void badEventGridDeliveriesAreRefusedNamingWhatIsWrong() {
    assertTrue(eventGridRefusal("[]").contains("no events"));
    assertTrue(eventGridRefusal("\"hello\"").contains("not a string"));
    assertTrue(eventGridRefusal("[{\"id\":\"1\"}, 3]").contains("event [1] must be an object"));
    String cloud = Payloads.read("cloudevents-resourcehealth.json");
    String grid = Payloads.read("eventgrid-resourcehealth-batch.json");
    assertTrue(eventGridRefusal("[" + cloud + "," + grid.substring(1)).contains("mixes"));
    assertTrue(eventGridRefusal(grid.replace("\"eventType\": \"Microsoft.Storage.BlobCreated\",", "")).contains("event [1].eventType is missing"),
        "an event without its type");
    assertTrue(eventGridRefusal(cloud.replace("\"source\": \"/subscriptions/00000000-0000-0000-0000-000000000000\",", "")).contains("event [0].source is missing"));
    assertTrue(eventGridRefusal(grid.replace("\"dataVersion\": \"1\"", "\"dataVersion\": 1")).contains("event [0].dataVersion must be a string"));
    assertTrue(eventGridRefusal(grid.replace("\"availabilityState\": \"Unavailable\"", "\"availabilityState\": false"))
        .contains("availabilityState must be a string"));
    assertTrue(eventGridRefusal(Payloads.read("eventgrid-validation.json").replace("\"validationCode\"", "\"code\""))
        .contains("validationCode is missing"));
  }
}
