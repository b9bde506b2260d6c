package dev.continuity.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.Json;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A Plan is workflow input and `plan --json` output: it must survive both mappers unchanged. */
class PlanSerializationTest {

  static Plan plan(String stamp, String mode) throws EstateException {
    return PlanCompiler.compile(Estate.load(ShippedRunbooksTest.SHIPPED), stamp, Mode.parse(mode));
  }

  @ParameterizedTest
  @CsvSource({"ai-platform,failover", "ai-platform,failback", "ai-platform,drill", "web-api,drill"})
  void roundTripsThroughTheSharedMapper(String stamp, String mode) throws Exception {
    Plan plan = plan(stamp, mode);
    String json = Json.MAPPER.writeValueAsString(plan);
    assertEquals(plan, Json.MAPPER.readValue(json, Plan.class));
    JsonNode tree = Json.MAPPER.readTree(json);
    // Readable by people and scripts: modes, conditions and durations as text.
    assertEquals(mode, tree.get("mode").asText());
    assertEquals(plan.estimated().toString(), tree.get("estimated").asText());
    assertEquals(plan.steps().size(), tree.get("steps").size());
  }

  @ParameterizedTest
  @CsvSource({"ai-platform,failover", "ai-platform,failback", "ai-platform,drill", "web-api,failover", "web-api,drill"})
  void roundTripsThroughTemporalsDefaultDataConverter(String stamp, String mode) throws Exception {
    Plan plan = plan(stamp, mode);
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    Payload payload = converter.toPayload(plan).orElseThrow();
    assertEquals(plan, converter.fromPayload(payload, Plan.class, Plan.class));
  }

  @ParameterizedTest
  @CsvSource({"ai-platform,failover"})
  void gateConditionsSerializeAsWrittenInRunbooks(String stamp, String mode) throws Exception {
    JsonNode tree = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(plan(stamp, mode)));
    JsonNode steps = tree.get("steps");
    boolean sawDataLoss = false;
    for (JsonNode s : steps) {
      if (s.get("id").asText().equals("approve-data-loss")) {
        assertEquals("dataLoss", s.get("approval").get("when").asText());
        assertEquals("PT15M", s.get("approval").get("timeout").asText());
        sawDataLoss = true;
      }
    }
    assertEquals(true, sawDataLoss);
  }
}
