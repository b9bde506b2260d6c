package dev.continuity.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelEndpointTest {
  @Test
  void readsTheChainWithDefaults() {
    List<ModelEndpoint> chain = ModelEndpoint.parse("""
        [{"name":"primary","kind":"azure","endpoint":"https://aoai-eastus2.openai.azure.com","model":"gpt-4o","apiKeyEnv":"AOAI_EASTUS2_KEY"},
         {"name":"westus2","kind":"azure","endpoint":"https://aoai-westus2.openai.azure.com","model":"gpt-4o","auth":"entra","timeoutSeconds":20},
         {"name":"small","endpoint":"https://llm.example/v1","model":"gpt-4o-mini","apiKeyEnv":"SMALL_KEY","retries":0}]
        """);
    assertEquals(3, chain.size());
    assertEquals("key", chain.get(0).auth());
    assertEquals(30, chain.get(0).timeoutSeconds());
    assertEquals("entra", chain.get(1).auth());
    assertEquals(20, chain.get(1).timeoutSeconds());
    assertEquals("openai", chain.get(2).kind());
    assertEquals(0, chain.get(2).retries());
    assertEquals(List.of(), ModelEndpoint.parse(" "));
  }

  @Test
  void badConfigurationIsAClearMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelEndpoint.parse("[{\"endpoint\":\"https://x\",\"model\":\"m\",\"kind\":\"bedrock\"}]"));
    assertTrue(e.getMessage().contains("kind must be azure or openai, not bedrock"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ModelEndpoint.parse("[{\"endpoint\":\"https://api.example/v1\",\"model\":\"m\",\"auth\":\"entra\"}]"));
    assertTrue(e.getMessage().contains("auth entra needs kind azure"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ModelEndpoint.parse("{not json"));
    assertTrue(e.getMessage().startsWith("CONTINUITY_REPORT_MODELS is not a valid list"), e.getMessage());
  }

  @Test
  void aMissingKeyVariableIsNamedNotShown() {
    ModelEndpoint e = new ModelEndpoint("primary", "openai", "http://127.0.0.1:9/v1", "m", "key", "MISSING_KEY", null,
        null, null, null, null, null);
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> new OpenAiReportModel(e, Map.<String, String>of()::get, () -> { throw new AssertionError("no Entra ID for a key"); }));
    assertTrue(x.getMessage().contains("MISSING_KEY"), x.getMessage());
  }
}
