package dev.continuity.activities.report;

import static dev.continuity.activities.report.OpenAiStub.answer;
import static dev.continuity.activities.report.OpenAiStub.hang;
import static dev.continuity.activities.report.OpenAiStub.status;
import static dev.continuity.activities.report.OpenAiStub.throttle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.operation.Outcome;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every transition of the fallback chain, against local OpenAI-compatible stubs on the real SDK. */
class ReportAuthorsTest {
  private static final String KEY = "sk-stub-key-0123456789abcdef";
  private static final ReportFacts FACTS = ReportFacts.of(ReportFixtures.plan(), ReportFixtures.timeline(Outcome.SUCCEEDED));
  private static final String TEMPLATE = "template text";

  static ModelEndpoint endpoint(String name, OpenAiStub stub, int timeoutSeconds, int retries) {
    return new ModelEndpoint(name, "openai", stub.baseUrl(), "gpt-" + name, "key", "STUB_KEY", null,
        timeoutSeconds, retries, 2, 3, 60);
  }

  static ReportAuthors chain(ModelEndpoint... endpoints) {
    return ReportAuthors.of(List.of(endpoints), Map.of("STUB_KEY", KEY)::get, Clock.systemUTC());
  }

  @Test
  void aGoodAnswerFromThePrimaryIsTheReport() throws Exception {
    try (OpenAiStub primary = new OpenAiStub(answer(ReportFixtures.goodAnswer()))) {
      ReportAuthors.Authored a = chain(endpoint("primary", primary, 5, 0)).write(FACTS, TEMPLATE);
      assertEquals("primary (gpt-primary)", a.writtenBy());
      assertEquals(ReportFixtures.goodAnswer(), a.markdown());
      assertEquals(1, primary.requests.size());
      assertEquals("gpt-primary", primary.requests.get(0).get("model").asText());
      assertEquals("Bearer " + KEY, primary.authorizations.get(0));
    }
  }

  @Test
  void aWrongRtoIsRefusedAndTheSecondaryRegionWrites() throws Exception {
    String wrong = ReportFixtures.goodAnswer().replace("measured RTO of 250 s", "measured RTO of 90 s");
    try (OpenAiStub primary = new OpenAiStub(answer(wrong));
         OpenAiStub secondary = new OpenAiStub(answer(ReportFixtures.goodAnswer()))) {
      ReportAuthors.Authored a = chain(endpoint("primary", primary, 5, 0), endpoint("westus2", secondary, 5, 0))
          .write(FACTS, TEMPLATE);
      assertEquals("westus2 (gpt-westus2)", a.writtenBy());
      assertTrue(a.attempts().get(0).contains("refused") && a.attempts().get(0).contains("90 s"), a.attempts().toString());
    }
  }

  @Test
  void anRtoThatIsAnotherMeasuredNumberIsStillRefused() throws Exception {
    // 60 s is a real fact (the approval wait), but not the RTO.
    String wrong = ReportFixtures.goodAnswer().replace("measured RTO of 250 s", "measured RTO of 60 s");
    try (OpenAiStub primary = new OpenAiStub(answer(wrong))) {
      ReportAuthors.Authored a = chain(endpoint("primary", primary, 5, 0)).write(FACTS, TEMPLATE);
      assertEquals("template", a.writtenBy());
      assertTrue(a.attempts().get(0).contains("RTO that differs"), a.attempts().toString());
    }
  }

  @Test
  void aDroppedSectionIsRefusedAndTheSmallerModelWrites() throws Exception {
    String dropped = ReportFixtures.goodAnswer().replace("## Data Integrity Assessment", "## Data");
    try (OpenAiStub primary = new OpenAiStub(answer(dropped));
         OpenAiStub secondary = new OpenAiStub(status(503));
         OpenAiStub small = new OpenAiStub(answer(ReportFixtures.goodAnswer()))) {
      ReportAuthors.Authored a = chain(endpoint("primary", primary, 5, 0), endpoint("westus2", secondary, 5, 0),
          endpoint("small", small, 5, 0)).write(FACTS, TEMPLATE);
      assertEquals("small (gpt-small)", a.writtenBy());
      assertTrue(a.attempts().get(0).contains("missing section(s): Data Integrity Assessment"), a.attempts().toString());
      assertTrue(a.attempts().get(1).contains("HTTP 503"), a.attempts().toString());
    }
  }

  @Test
  void throttlingIsRetriedAfterTheAskedWait() throws Exception {
    try (OpenAiStub primary = new OpenAiStub(throttle("retry-after-ms", "300"), answer(ReportFixtures.goodAnswer()))) {
      long t0 = System.nanoTime();
      ReportAuthors.Authored a = chain(endpoint("primary", primary, 5, 2)).write(FACTS, TEMPLATE);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("primary (gpt-primary)", a.writtenBy());
      assertEquals(2, primary.requests.size());
      assertTrue(ms >= 300, "waited only " + ms + " ms");
      assertTrue(a.attempts().get(0).contains("HTTP 429, retrying in 300 ms"), a.attempts().toString());
    }
  }

  @Test
  void aRetryAfterLongerThanTheBoundMovesOnAtOnce() throws Exception {
    try (OpenAiStub primary = new OpenAiStub(throttle("Retry-After", "120"));
         OpenAiStub secondary = new OpenAiStub(answer(ReportFixtures.goodAnswer()))) {
      long t0 = System.nanoTime();
      ReportAuthors.Authored a = chain(endpoint("primary", primary, 5, 2), endpoint("westus2", secondary, 5, 0))
          .write(FACTS, TEMPLATE);
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000);
      assertEquals(1, primary.requests.size());
      assertEquals("westus2 (gpt-westus2)", a.writtenBy());
      assertTrue(a.attempts().get(0).contains("Retry-After 120 s too long"), a.attempts().toString());
    }
  }

  @Test
  void serverErrorsAreRetriedThenTheNextLinkWrites() throws Exception {
    try (OpenAiStub primary = new OpenAiStub(status(500), status(502), answer(ReportFixtures.goodAnswer()))) {
      ReportAuthors.Authored a = chain(endpoint("primary", primary, 5, 2)).write(FACTS, TEMPLATE);
      assertEquals(3, primary.requests.size());
      assertEquals("primary (gpt-primary)", a.writtenBy());
    }
  }

  @Test
  void aHangingEndpointCostsItsTimeoutThenTheTemplateWrites() throws Exception {
    try (OpenAiStub primary = new OpenAiStub(hang(10_000))) {
      long t0 = System.nanoTime();
      ReportAuthors.Authored a = chain(endpoint("primary", primary, 1, 2)).write(FACTS, TEMPLATE);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("template", a.writtenBy());
      assertEquals(TEMPLATE, a.markdown());
      // a timeout is not retried: asking a hung endpoint again would only double the wait
      assertEquals(1, primary.requests.size());
      assertTrue(ms < 4_000, "took " + ms + " ms");
      assertTrue(a.attempts().get(0).contains("no answer"), a.attempts().toString());
    }
  }

  @Test
  void aDeadEndpointOpensItsCircuitAndLaterReportsSkipIt() throws Exception {
    try (OpenAiStub primary = new OpenAiStub(status(500));
         OpenAiStub secondary = new OpenAiStub(answer(ReportFixtures.goodAnswer()))) {
      ReportAuthors authors = chain(endpoint("primary", primary, 5, 2), endpoint("westus2", secondary, 5, 0));
      ReportAuthors.Authored first = authors.write(FACTS, TEMPLATE);
      assertEquals(3, primary.requests.size());
      assertEquals(CircuitBreaker.State.OPEN, authors.links().get(0).breaker().state());
      ReportAuthors.Authored second = authors.write(FACTS, TEMPLATE);
      assertEquals(3, primary.requests.size(), "an open circuit sends nothing");
      assertEquals("westus2 (gpt-westus2)", second.writtenBy());
      assertTrue(second.attempts().get(0).contains("circuit open"), second.attempts().toString());
      assertEquals("westus2 (gpt-westus2)", first.writtenBy());
    }
  }

  @Test
  void thePromptHoldsEveryFactAndNoSecret() throws Exception {
    try (OpenAiStub primary = new OpenAiStub(answer(ReportFixtures.goodAnswer()))) {
      chain(endpoint("primary", primary, 5, 0)).write(FACTS, TEMPLATE);
      String prompt = primary.prompts().get(0);
      for (String section : ReportSections.ALL) assertTrue(prompt.contains("## " + section), section);
      for (String fact : List.of("ai-platform-failover-20261121-120000-1", "eastus2", "westus2",
          "eastus2 health probes failing", "alert:azure-monitor", "2023-11-14T22:13:20Z", "\\\"rtoSeconds\\\" : 250",
          "\\\"dataLossSeconds\\\" : 42", "\\\"approvalWaitSeconds\\\" : 60", "\\\"rpoSeconds\\\" : 60",
          "\\\"rtoSeconds\\\" : 300", "alice@contoso.com", "go, region is gone", "2023-11-14T22:12:38Z",
          "cosmos.setWriteRegion", "trafficManager.setEndpointPriority", "\\\"attempts\\\" : 2",
          "set write region to westus2", "\\\"plannedCriticalPathSeconds\\\" : 180",
          "\\\"secondsAfterTrigger\\\" : 242", "\\\"lastSyncTime\\\"")) {
        assertTrue(prompt.contains(fact), "prompt lacks " + fact);
      }
      // the connection string in the resource settings, the key in the step parameters, the
      // key-named measured fact and the API key itself never leave the worker
      assertFalse(prompt.contains("AccountKey"), prompt);
      assertFalse(prompt.contains("c2VjcmV0LXNob3VsZC1uZXZlci1sZWFr"), prompt);
      assertFalse(prompt.contains(KEY), prompt);
      assertFalse(primary.requests.get(0).toString().contains("c2VjcmV0"));
    }
  }

  @Test
  void anAzureDeploymentIsCalledByItsDeploymentPathWithTheApiKeyHeader() throws Exception {
    try (OpenAiStub azure = new OpenAiStub(answer(ReportFixtures.goodAnswer()))) {
      ModelEndpoint e = new ModelEndpoint("primary", "azure", azure.resourceUrl(), "gpt-4o-dr", "key", "STUB_KEY",
          "2024-10-21", 5, 0, 2, 3, 60);
      ReportAuthors.Authored a = chain(e).write(FACTS, TEMPLATE);
      assertEquals("primary (gpt-4o-dr)", a.writtenBy());
      assertEquals("/openai/deployments/gpt-4o-dr/chat/completions?api-version=2024-10-21", azure.uris.get(0));
      assertEquals(KEY, azure.apiKeys.get(0));
      assertEquals("null", azure.authorizations.get(0), "the key is not also sent as a bearer token");
    }
  }

  @Test
  void noModelsMeansTheTemplate() {
    ReportAuthors.Authored a = ReportAuthors.templateOnly().write(FACTS, TEMPLATE);
    assertEquals("template", a.writtenBy());
    assertEquals(List.of("template: written"), a.attempts());
  }
}
