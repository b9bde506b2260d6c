package dev.continuity.activities.report;

import static dev.continuity.activities.report.OpenAiStub.answer;
import static dev.continuity.activities.report.OpenAiStub.hang;
import static dev.continuity.activities.report.OpenAiStub.status;
import static dev.continuity.activities.report.OpenAiStub.throttle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import dev.continuity.model.operation.Outcome;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
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
  void credentialsInsideMessagesErrorsAndEventsNeverReachThePrompt() throws Exception {
    var timeline = ReportFixtures.timeline(Outcome.SUCCEEDED);
    var cosmos = timeline.steps.get(1);
    cosmos.message = "set write region to westus2; diagnostics at https://st.blob.core.windows.net/d/log?sv=2022-11-02&sig=SASSIGNATURE0001";
    cosmos.facts.put("statusUrl", "https://fn.azurewebsites.net/api/health?code=FUNCTIONKEY0002");
    timeline.reason = "probe failed: Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGkifQ.JWTSIGNATURE0003";
    timeline.events.add(new dev.continuity.model.timeline.TimelineEvent(ReportFixtures.T0 + 70_000,
        dev.continuity.model.timeline.EventKind.NOTIFICATION, null, null,
        "teams not delivered: Server=tcp:db;Password=PASSWORD0004;"));
    ReportFacts facts = ReportFacts.of(ReportFixtures.plan(), timeline);
    try (OpenAiStub primary = new OpenAiStub(answer(ReportFixtures.goodAnswer()))) {
      chain(endpoint("primary", primary, 5, 0)).write(facts, TEMPLATE);
      String request = primary.requests.get(0).toString();
      for (String secret : List.of("SASSIGNATURE0001", "FUNCTIONKEY0002", "JWTSIGNATURE0003", "PASSWORD0004")) {
        assertFalse(request.contains(secret), "the prompt holds " + secret);
      }
      assertTrue(request.contains("sig=[redacted]") && request.contains("set write region to westus2"), request);
      assertTrue(request.contains("https://fn.azurewebsites.net/api/health?code=[redacted]"), "the fact stays, its key does not");
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
  void everyLinkFailingInTurnEndsAtTheTemplateAndEachFailureIsNamed() throws Exception {
    OpenAiStub gone = new OpenAiStub(answer("unused"));
    gone.close();
    try (OpenAiStub refusedKey = new OpenAiStub(status(401));
         OpenAiStub silent = new OpenAiStub(answer(null))) {
      ReportAuthors.Authored a = chain(endpoint("primary", refusedKey, 5, 2), endpoint("westus2", gone, 2, 2),
          endpoint("small", silent, 5, 2)).write(FACTS, TEMPLATE);
      assertEquals("template", a.writtenBy());
      assertEquals(TEMPLATE, a.markdown());
      assertEquals(1, refusedKey.requests.size(), "a refused key is not asked again");
      assertEquals(1, silent.requests.size());
      assertEquals(4, a.attempts().size(), a.attempts().toString());
      assertTrue(a.attempts().get(0).equals("primary (gpt-primary): failed, HTTP 401"), a.attempts().toString());
      assertTrue(a.attempts().get(1).startsWith("westus2 (gpt-westus2): failed, no answer ("), a.attempts().toString());
      assertTrue(a.attempts().get(2).equals("small (gpt-small): failed, an answer without text"), a.attempts().toString());
      assertEquals("template: written", a.attempts().get(3));
    }
  }

  @Test
  void aModelThatBreaksUnexpectedlyPassesToTheNextLink() throws Exception {
    ModelEndpoint broken = new ModelEndpoint("primary", "openai", "http://127.0.0.1:9/v1", "gpt-x", "key", "STUB_KEY",
        null, 5, 2, 2, 3, 60);
    ReportAuthors authors = new ReportAuthors(List.of(new ReportAuthors.Link(broken,
        p -> { throw new IllegalStateException("bug in a model adapter"); },
        new CircuitBreaker(3, java.time.Duration.ofSeconds(60), Clock.systemUTC()))));
    ReportAuthors.Authored a = authors.write(FACTS, TEMPLATE);
    assertEquals("template", a.writtenBy());
    assertTrue(a.attempts().get(0).contains("failed, IllegalStateException: bug in a model adapter"), a.attempts().toString());
  }

  /** An Azure OpenAI deployment reached with Entra ID: the credential is our test double of DefaultAzureCredential. */
  static ModelEndpoint entra(String name, OpenAiStub stub) {
    return new ModelEndpoint(name, "azure", stub.resourceUrl(), "gpt-4o-dr", "entra", null, "2024-10-21", 5, 0, 2, 3, 60);
  }

  @Test
  void anEntraIdDeploymentSendsTheTokenAsBearerAndNoKey() throws Exception {
    List<String> scopes = new CopyOnWriteArrayList<>();
    TokenCredential credential = request -> {
      scopes.addAll(request.getScopes());
      return Mono.just(new AccessToken("entra-token-0123", OffsetDateTime.now().plusHours(1)));
    };
    try (OpenAiStub azure = new OpenAiStub(answer(ReportFixtures.goodAnswer()))) {
      ReportAuthors authors = ReportAuthors.of(List.of(entra("primary", azure)),
          k -> { throw new AssertionError("an Entra ID endpoint reads no key, asked for " + k); }, Clock.systemUTC(),
          () -> credential);
      ReportAuthors.Authored first = authors.write(FACTS, TEMPLATE);
      ReportAuthors.Authored second = authors.write(FACTS, TEMPLATE);

      assertEquals("primary (gpt-4o-dr)", first.writtenBy());
      assertEquals("primary (gpt-4o-dr)", second.writtenBy());
      assertEquals(2, azure.requests.size());
      assertEquals(List.of("Bearer entra-token-0123", "Bearer entra-token-0123"), azure.authorizations);
      assertEquals(List.of("null", "null"), azure.apiKeys, "no api-key header beside the token");
      assertEquals("/openai/deployments/gpt-4o-dr/chat/completions?api-version=2024-10-21", azure.uris.get(0));
      assertEquals(List.of("https://cognitiveservices.azure.com/.default"), scopes,
          "one token for the Cognitive Services scope, kept while it is valid");
      assertFalse(azure.prompts().get(0).contains("entra-token-0123"), "the token is not in the prompt");
    }
  }

  @Test
  void anExpiringTokenIsAskedForAgain() throws Exception {
    List<String> tokens = new CopyOnWriteArrayList<>();
    TokenCredential credential = request -> {
      String t = "short-lived-" + tokens.size();
      tokens.add(t);
      return Mono.just(new AccessToken(t, OffsetDateTime.now().plusMinutes(2)));
    };
    try (OpenAiStub azure = new OpenAiStub(answer(ReportFixtures.goodAnswer()))) {
      ReportAuthors authors = ReportAuthors.of(List.of(entra("primary", azure)), k -> null, Clock.systemUTC(), () -> credential);
      authors.write(FACTS, TEMPLATE);
      authors.write(FACTS, TEMPLATE);
      assertEquals(2, azure.authorizations.size());
      assertTrue(azure.authorizations.stream().allMatch(a -> a.startsWith("Bearer short-lived-")), azure.authorizations.toString());
      assertFalse(azure.authorizations.get(0).equals(azure.authorizations.get(1)),
          "a token about to expire is replaced: " + azure.authorizations);
    }
  }

  @Test
  void aWorkerStartsWithoutAnyTokenAndNoEntraIdTokenFallsBackToTheNextWriter() throws Exception {
    TokenCredential noIdentity = request -> Mono.error(new ClientAuthenticationException(
        "DefaultAzureCredential failed to retrieve a token from the included credentials", null));
    try (OpenAiStub azure = new OpenAiStub(answer(ReportFixtures.goodAnswer()));
         OpenAiStub secondary = new OpenAiStub(answer(ReportFixtures.goodAnswer()))) {
      ReportAuthors authors = ReportAuthors.of(List.of(entra("primary", azure), endpoint("westus2", secondary, 5, 0)),
          Map.of("STUB_KEY", KEY)::get, Clock.systemUTC(), () -> noIdentity);
      ReportAuthors.Authored a = authors.write(FACTS, TEMPLATE);

      assertEquals("westus2 (gpt-westus2)", a.writtenBy());
      assertEquals(0, azure.requests.size(), "nothing is sent without a token");
      assertEquals(1, secondary.requests.size());
      assertTrue(a.attempts().get(0).startsWith("primary (gpt-4o-dr): failed, no Entra ID token for report model primary"
          + " (scope https://cognitiveservices.azure.com/.default): DefaultAzureCredential failed"), a.attempts().toString());
    }
  }

  @Test
  void noModelsMeansTheTemplate() {
    ReportAuthors.Authored a = ReportAuthors.templateOnly().write(FACTS, TEMPLATE);
    assertEquals("template", a.writtenBy());
    assertEquals(List.of("template: written"), a.attempts());
  }
}
