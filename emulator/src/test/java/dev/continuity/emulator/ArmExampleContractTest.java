package dev.continuity.emulator;

import static dev.continuity.emulator.DemoInventory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Azure's own request/response examples (src/test/resources/arm-examples, copied from
 * ../shared/arm-examples) as the emulator's contract: each example's request is sent to the
 * emulator against the demo estate, and the status must be one the example allows, a 202 must carry
 * absolute poll URLs on the emulator and a Retry-After, and every field of the example's body (at
 * every depth; first element of arrays) must be present in the emulator's body, for the direct
 * answer and for the final result of a long-running operation.
 */
class ArmExampleContractTest {
  private ArmEmulator emulator;
  private Arm arm;

  @BeforeEach
  void start() {
    emulator = ArmEmulator.start(0, null, 0, DemoInventory.build());
    arm = new Arm(emulator);
  }

  @AfterEach
  void stop() {
    emulator.stop();
  }

  /** example file, method, path on the demo estate, name of the body parameter in the example (or a literal body). */
  static Stream<Arguments> examples() {
    String fgPrimary = SQL_PRIMARY + "/failoverGroups/fg-web-api";
    String fgSecondary = SQL_SECONDARY + "/failoverGroups/fg-web-api";
    String origin = FD + "/originGroups/default/origins/eastus2";
    return Stream.of(
        Arguments.of("trafficmanager/2026-09-01/Profile-GET-WithoutRecordType.json", "GET", TM, null),
        Arguments.of("trafficmanager/2026-09-01/Endpoint-GET-External-WithLocation.json", "GET", TM + "/azureEndpoints/eastus2", null),
        Arguments.of("trafficmanager/2026-09-01/Endpoint-PATCH-External-Target.json", "PATCH", TM + "/azureEndpoints/eastus2", "parameters"),
        Arguments.of("trafficmanager/2026-09-01/Endpoint-PUT-External-WithLocation.json", "PUT", TM + "/externalEndpoints/ext1", "parameters"),
        Arguments.of("cdn/2025-06-01/AFDOriginGroups_Get.json", "GET", FD + "/originGroups/default", null),
        Arguments.of("cdn/2025-06-01/AFDOrigins_Get.json", "GET", origin, null),
        Arguments.of("cdn/2025-06-01/AFDOrigins_Update.json", "PATCH", origin, "originUpdateProperties"),
        Arguments.of("cosmos-db/2026-07-15/CosmosDBDatabaseAccountGet.json", "GET", COSMOS, null),
        Arguments.of("cosmos-db/2026-07-15/CosmosDBDatabaseAccountFailoverPriorityChange.json", "POST", COSMOS + "/failoverPriorityChange",
            "{\"failoverPolicies\":[{\"locationName\":\"westus2\",\"failoverPriority\":0},{\"locationName\":\"eastus2\",\"failoverPriority\":1}]}"),
        Arguments.of("cosmos-db/2026-07-15/CosmosDBDatabaseAccountOfflineRegion.json", "POST", COSMOS + "/offlineRegion", "{\"region\":\"West US 2\"}"),
        Arguments.of("cosmos-db/2026-07-15/CosmosDBDatabaseAccountOnlineRegion.json", "POST", COSMOS + "/onlineRegion", "{\"region\":\"West US 2\"}"),
        Arguments.of("storage/2026-09-01/StorageAccountGetPropertiesGeoReplicationStatscanFailoverFalse.json", "GET", STORAGE + "?$expand=geoReplicationStats", null),
        Arguments.of("storage/2026-04-01/StorageAccountFailover.json", "POST", STORAGE + "/failover", null),
        Arguments.of("storage/2026-06-01/StorageAccountFailoverPlanned.json", "POST", STORAGE + "/failover?failoverType=Planned", null),
        Arguments.of("sql/2025-01-01/FailoverGroupGet.json", "GET", fgPrimary, null),
        Arguments.of("sql/2025-01-01/FailoverGroupFailover.json", "POST", fgSecondary + "/failover", null),
        Arguments.of("sql/2025-01-01/FailoverGroupForceFailoverAllowDataLoss.json", "POST", fgSecondary + "/forceFailoverAllowDataLoss", null),
        Arguments.of("redis/2024-11-01/RedisCacheGet.json", "GET", REDIS_PRIMARY, null),
        Arguments.of("redis/2024-11-01/RedisCacheLinkedServer_List.json", "GET", REDIS_PRIMARY + "/linkedServers", null),
        Arguments.of("redis/2024-11-01/RedisCacheLinkedServer_Get.json", "GET", REDIS_PRIMARY + "/linkedServers/redis-ai-platform-westus2", null),
        Arguments.of("redis/2024-11-01/RedisCacheLinkedServer_Delete.json", "DELETE", REDIS_PRIMARY + "/linkedServers/redis-ai-platform-westus2", null),
        Arguments.of("containerservice/2026-08-01/ManagedClustersGet.json", "GET", AKS, null),
        Arguments.of("containerservice/2026-08-01/ManagedClustersStop.json", "POST", AKS + "/stop", null),
        Arguments.of("containerservice/2026-08-01/ManagedClustersStart.json", "POST", AKS + "/start", null),
        Arguments.of("containerservice/2026-08-01/AgentPoolsGet.json", "GET", AKS + "/agentPools/nodepool1", null),
        Arguments.of("containerservice/2026-08-01/AgentPools_Update.json", "PUT", AKS + "/agentPools/nodepool1", "parameters"),
        Arguments.of("containerservice/2026-08-01/AgentPoolsCreate_Update.json", "PUT", AKS + "/agentPools/nodepool1", "parameters"),
        Arguments.of("dns/2018-05-01/GetCNAMERecordset.json", "GET", DNS + "/CNAME/www", null),
        Arguments.of("dns/2018-05-01/GetARecordset.json", "GET", DNS + "/A/api", null),
        Arguments.of("dns/2018-05-01/PatchCNAMERecordset.json", "PATCH", DNS + "/CNAME/www", "parameters"),
        Arguments.of("dns/2018-05-01/PatchARecordset.json", "PATCH", DNS + "/A/api", "parameters"),
        Arguments.of("dns/2018-05-01/CreateOrUpdateCNAMERecordset.json", "PUT", DNS + "/CNAME/www", "parameters"),
        Arguments.of("dns/2018-05-01/CreateOrUpdateARecordset.json", "PUT", DNS + "/A/api2", "parameters"),
        Arguments.of("web/2025-05-01/GetWebApp.json", "GET", APP_EAST, null),
        Arguments.of("monitor/2026-06-01/getMetricAlertSingleResource.json", "GET", ALERT, null),
        Arguments.of("monitor/2026-06-01/UpdateMetricAlert.json", "PATCH", ALERT, "parameters"),
        Arguments.of("search/2025-05-01/SearchGetService.json", "GET", SEARCH, null),
        Arguments.of("machinelearningservices/2025-06-01/OnlineEndpoint_get.json", "GET", ML, null),
        Arguments.of("postgresql/2025-08-01/ServersGet.json", "GET", PG_PRIMARY, null),
        Arguments.of("postgresql/2025-08-01/ServersPromoteReplicaAsPlannedStandaloneServer.json", "PATCH", PG_REPLICA, "parameters"),
        Arguments.of("postgresql/2025-08-01/ServersPromoteReplicaAsForcedStandaloneServer.json", "PATCH", PG_REPLICA, "parameters"),
        Arguments.of("postgresql/2025-08-01/ServersPromoteReplicaAsForcedSwitchover.json", "PATCH", PG_REPLICA, "parameters"),
        Arguments.of("mysql/2024-12-30/ServerGet.json", "GET", MYSQL_REPLICA, null),
        Arguments.of("mysql/2024-12-30/ServerUpdate.json", "PATCH", MYSQL_SOURCE, "parameters"),
        Arguments.of("datafactory/2018-06-01/Triggers_Get.json", "GET", ADF + "/triggers/nightly", null),
        Arguments.of("datafactory/2018-06-01/Triggers_Stop.json", "POST", ADF + "/triggers/nightly/stop", null),
        Arguments.of("datafactory/2018-06-01/Triggers_Start.json", "POST", ADF_SECONDARY + "/triggers/nightly/start", null),
        Arguments.of("datafactory/2018-06-01/PipelineRuns_Cancel.json", "POST", ADF + "/pipelineruns/"
            + java.util.UUID.nameUUIDFromBytes((ADF + "/ingest").getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "/cancel", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void emulatorAnswersLikeTheExample(String file, String method, String path, String bodyParam) throws IOException {
    JsonNode example = load(file);
    String body = bodyParam == null ? null
        : bodyParam.startsWith("{") ? bodyParam : example.path("parameters").path(bodyParam).toString();
    if (file.endsWith("ManagedClustersStart.json")) {
      Arm.Reply stop = arm.send("POST", AKS + "/stop", null);
      arm.awaitLocation(stop.header("Location").orElseThrow());
    }
    Arm.Reply reply = arm.send(method, path, body);
    JsonNode responses = example.path("responses");
    assertTrue(responses.has(String.valueOf(reply.status())),
        file + ": status " + reply.status() + " is not one the example allows " + names(responses) + "; body " + reply.raw().body());
    JsonNode expected = responses.path(String.valueOf(reply.status()));
    if (reply.status() == 202) {
      JsonNode h = expected.path("headers");
      boolean wantsAsync = h.has("Azure-AsyncOperation") || h.has("azure-asyncoperation");
      boolean wantsLocation = h.has("Location") || h.has("location");
      assertTrue(reply.header("Retry-After").isPresent(), file + ": 202 without Retry-After");
      if (wantsAsync) assertOnEmulator(file, reply.header("Azure-AsyncOperation").orElse(null));
      if (wantsLocation) assertOnEmulator(file, reply.header("Location").orElse(null));
      if (expected.has("body") && !expected.get("body").isNull()) assertShape(file, expected.get("body"), reply.json(), "$");
      JsonNode finalExpected = responses.path("200").path("body");
      JsonNode finalBody;
      if (reply.header("Location").isPresent()) {
        Arm.Reply done = arm.awaitLocation(reply.header("Location").get());
        assertTrue(done.status() == 200 || done.status() == 204, file + ": final Location answer " + done.status() + " " + done.raw().body());
        finalBody = done.json();
      } else {
        JsonNode status = arm.awaitAsync(reply.header("Azure-AsyncOperation").get());
        assertEquals("Succeeded", status.path("status").asText(), file + ": " + status);
        finalBody = arm.get(path).json();
      }
      if (!finalExpected.isMissingNode() && !finalExpected.isNull()) assertShape(file + " (final)", finalExpected, finalBody, "$");
    } else if (expected.has("body") && !expected.get("body").isNull()) {
      assertNotNull(reply.json(), file + ": no body");
      assertShape(file, expected.get("body"), reply.json(), "$");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pollBodies")
  void operationStatusBodyHasTheExampleFields(String file) throws IOException {
    Arm.Reply r = arm.send("POST", COSMOS + "/failoverPriorityChange",
        "{\"failoverPolicies\":[{\"locationName\":\"westus2\",\"failoverPriority\":0},{\"locationName\":\"eastus2\",\"failoverPriority\":1}]}");
    JsonNode status = arm.awaitAsync(r.header("Azure-AsyncOperation").orElseThrow());
    assertShape(file, load(file).path("responses").path("200").path("body"), status, "$");
  }

  static Stream<String> pollBodies() {
    return Stream.of("redis/2024-11-01/RedisCacheAsyncOperationStatus.json");
  }

  @ParameterizedTest(name = "404 for {0}")
  @MethodSource("unknownResources")
  void unknownResourceIsResourceNotFound(String path) {
    Arm.Reply r = arm.get(path);
    assertEquals(404, r.status());
    assertEquals("ResourceNotFound", r.json().path("error").path("code").asText());
    assertTrue(r.json().path("error").path("message").asText().contains(path.substring(path.lastIndexOf('/') + 1)));
  }

  static Stream<String> unknownResources() {
    return Stream.of(WEB_RG + "Microsoft.Web/sites/no-such-app", TM + "/azureEndpoints/no-such-endpoint",
        WEB_RG + "Microsoft.DocumentDB/databaseAccounts/nope", DNS + "/CNAME/nope");
  }

  private void assertOnEmulator(String file, String url) {
    assertNotNull(url, file + ": poll header missing");
    URI u = URI.create(url);
    assertEquals("127.0.0.1", u.getHost(), file + ": poll URL not on the emulator: " + url);
    assertEquals(emulator.port(), u.getPort(), file + ": poll URL not on the emulator's port: " + url);
    assertTrue(u.getQuery() != null && u.getQuery().contains("api-version="), file + ": poll URL without api-version: " + url);
  }

  /** Maps whose keys are the user's own (tags, labels, metadata): their example keys are not a contract. */
  private static final Set<String> USER_MAPS = Set.of("tags", "metadata", "nodeLabels", "userAssignedIdentities");

  /**
   * Fields an example shows that the emulated resources do not have, with the reason: features the
   * demo estate does not use, so Azure would not return them either.
   */
  private static final Map<String, String> ABSENT = Map.of(
      "identity", "the emulated Cosmos account has no managed identity",
      "authentication", "the origin group does not authenticate to origins with a managed identity",
      "availabilityZones", "the emulated node pools are not zonal",
      "failoverWithDataLossGracePeriodMinutes", "the failover groups use the Manual policy, which has no grace period",
      "internetEndpoints", "the storage accounts publish no routing-preference endpoints",
      "microsoftEndpoints", "the storage accounts publish no routing-preference endpoints");

  /** Every field of {@code expected} is in {@code actual}, recursively (first element for arrays). */
  static void assertShape(String file, JsonNode expected, JsonNode actual, String where) {
    if (expected == null || expected.isNull() || actual == null || actual.isNull()) return;
    String field = where.substring(where.lastIndexOf('.') + 1);
    if (USER_MAPS.contains(field)) return;
    if (expected.isObject()) {
      if (!actual.isObject()) fail(file + ": " + where + " should be an object, is " + actual);
      List<String> missing = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!actual.has(e.getKey())) {
          if (!ABSENT.containsKey(e.getKey())) missing.add(e.getKey());
        }
        else assertShape(file, e.getValue(), actual.get(e.getKey()), where + "." + e.getKey());
      }
      if (!missing.isEmpty()) fail(file + ": " + where + " lacks " + missing + " (has " + names(actual) + ")");
    } else if (expected.isArray()) {
      if (!actual.isArray()) fail(file + ": " + where + " should be an array, is " + actual);
      if (expected.size() > 0 && actual.size() > 0) assertShape(file, expected.get(0), actual.get(0), where + "[0]");
    }
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static JsonNode load(String file) throws IOException {
    try (InputStream in = ArmExampleContractTest.class.getResourceAsStream("/arm-examples/" + file)) {
      assertNotNull(in, "missing example " + file);
      return (ObjectNode) ArmRouter.WIRE.readTree(in);
    }
  }
}
