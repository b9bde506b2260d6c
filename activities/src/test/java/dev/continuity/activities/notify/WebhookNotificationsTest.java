package dev.continuity.activities.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.continuity.model.Json;
import dev.continuity.model.notify.ApprovalNotice;
import dev.continuity.model.notify.DecisionNotice;
import dev.continuity.model.notify.NotificationActivities;
import dev.continuity.model.notify.NotificationResult;
import dev.continuity.model.notify.OperationEndedNotice;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notices through the real Temporal activity machinery to local webhook stubs. */
class WebhookNotificationsTest {
  private HttpServer server;
  private final List<JsonNode> teams = new CopyOnWriteArrayList<>();
  private final List<JsonNode> hooks = new CopyOnWriteArrayList<>();
  private TestActivityEnvironment env;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/teams", ex -> {
      try (ex) {
        teams.add(Json.MAPPER.readTree(ex.getRequestBody().readAllBytes()));
        ex.sendResponseHeaders(202, -1);
      }
    });
    server.createContext("/hook", ex -> {
      try (ex) {
        hooks.add(Json.MAPPER.readTree(ex.getRequestBody().readAllBytes()));
        ex.sendResponseHeaders(200, -1);
      }
    });
    server.createContext("/broken", ex -> {
      try (ex) {
        ex.getRequestBody().readAllBytes();
        ex.sendResponseHeaders(500, -1);
      }
    });
    server.start();
    env = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    env.close();
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private NotificationActivities activities(List<NotificationChannel> channels) {
    env.registerActivitiesImplementations(new WebhookNotifications(channels, "http://localhost:8233/", "dr", Duration.ofSeconds(2)));
    return env.newActivityStub(NotificationActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
  }

  @Test
  void anApprovalNoticeCarriesTheWebUiLinkAndTheCliCommand() {
    NotificationActivities notify = activities(List.of(new NotificationChannel("teams", url("/teams")),
        new NotificationChannel("webhook", url("/hook"))));
    NotificationResult r = notify.approvalNeeded(new ApprovalNotice("ai-platform-failover-1", "ai-platform", "failover",
        "approve", "Sev1", "eastus2 probes failing", List.of("group:dr-leads"), "eastus2", "westus2"));

    assertEquals(List.of("teams", "webhook"), r.delivered());
    assertTrue(r.allDelivered());
    JsonNode card = teams.get(0).get("attachments").get(0);
    assertEquals("message", teams.get(0).get("type").asText());
    assertEquals("application/vnd.microsoft.card.adaptive", card.get("contentType").asText());
    assertEquals("AdaptiveCard", card.get("content").get("type").asText());
    assertEquals("http://localhost:8233/namespaces/dr/workflows/ai-platform-failover-1",
        card.get("content").get("actions").get(0).get("url").asText());
    assertTrue(card.toString().contains("continuity approve ai-platform-failover-1 --as <you>"), card.toString());
    assertTrue(card.toString().contains("Approval needed: failover of ai-platform (eastus2 -> westus2)"));

    JsonNode hook = hooks.get(0);
    assertEquals("approvalNeeded", hook.get("event").asText());
    assertEquals("approve", hook.get("notice").get("step").asText());
    assertEquals("http://localhost:8233/namespaces/dr/workflows/ai-platform-failover-1",
        hook.get("links").get("Open in Temporal Web UI").asText());
  }

  @Test
  void decisionAndEndNoticesSayWhatToDoAndWhereTheReportIs() {
    NotificationActivities notify = activities(List.of(new NotificationChannel("webhook", url("/hook"))));
    notify.decisionNeeded(new DecisionNotice("op-1", "web-api", "failover", "cosmos", 3, "ServiceUnavailable"));
    notify.operationEnded(new OperationEndedNotice("op-1", "web-api", "failover", "succeeded",
        "The failover of stamp web-api succeeded with a measured RTO of 250 s.",
        "https://st.blob.core.windows.net/reports/op-1/report.md", "primary (gpt-4o)"));

    assertTrue(hooks.get(0).get("commands").get(0).asText().equals("continuity decide op-1 --step cosmos retry|skip|abort --as <you>"));
    assertEquals("http://localhost:8233/namespaces/dr/workflows/op-1", hooks.get(0).get("links").get("Open in Temporal Web UI").asText(),
        "a step waiting for a decision links to the operation");
    assertEquals("http://localhost:8233/namespaces/dr/workflows/op-1", hooks.get(1).get("links").get("Open in Temporal Web UI").asText(),
        "so does the end of the operation");
    assertEquals("continuity report op-1 --format html --out report.html", hooks.get(1).get("commands").get(0).asText());
    assertTrue(hooks.get(0).get("text").asText().contains("failed after 3 attempt(s): ServiceUnavailable"));
    JsonNode ended = hooks.get(1);
    assertEquals("The failover of stamp web-api succeeded with a measured RTO of 250 s.", ended.get("text").asText());
    assertEquals("https://st.blob.core.windows.net/reports/op-1/report.md", ended.get("links").get("Open the report").asText());
  }

  @Test
  void aFailedChannelIsReportedNotThrownAndTheOthersStillGetIt() {
    NotificationActivities notify = activities(List.of(new NotificationChannel("teams", url("/broken")),
        new NotificationChannel("webhook", URI.create("http://127.0.0.1:9/nothing-listens")),
        new NotificationChannel("webhook", url("/hook"))));
    NotificationResult r = notify.operationEnded(new OperationEndedNotice("op-2", "web-api", "drill", "failed",
        "It failed.", "/tmp/op-2/report.md", "template"));
    assertEquals(List.of("webhook"), r.delivered());
    assertEquals(2, r.failures().size(), r.failures().toString());
    assertTrue(r.failures().get(0).startsWith("teams (127.0.0.1): HTTP 500"), r.failures().toString());
    assertTrue(r.failures().get(1).startsWith("webhook (127.0.0.1): "), r.failures().toString());
    assertEquals(1, hooks.size());
    assertEquals(List.of("Open in Temporal Web UI"), iterable(hooks.get(0).get("links").fieldNames()), "a local report path is no link");
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void theWebUiLinkIsConfigurableAndAKnownUiWins() {
    NotificationChannel hook = new NotificationChannel("webhook", url("/hook"));
    Map<String, String> env = Map.of(NotificationChannel.WEBHOOK_ENV, hook.url().toString(),
        "TEMPORAL_UI_URL", "https://temporal.contoso.internal/", "TEMPORAL_NAMESPACE", "dr-prod");
    WebhookNotifications.fromEnvironment(env::get).decisionNeeded(new DecisionNotice("op-3", "web-api", "failover", "tm", 1, null));
    WebhookNotifications.fromEnvironment(Map.of(NotificationChannel.WEBHOOK_ENV, hook.url().toString(),
        WebhookNotifications.WEB_UI_ENV, "https://ui.example", "TEMPORAL_UI_URL", "https://ignored.example")::get)
        .decisionNeeded(new DecisionNotice("op-4", "web-api", "failover", "tm", 1, null));
    WebhookNotifications.fromEnvironment(env::get, "http://127.0.0.1:8234", "default")
        .decisionNeeded(new DecisionNotice("op-5", "web-api", "failover", "tm", 1, null));
    WebhookNotifications.fromEnvironment(Map.of(NotificationChannel.WEBHOOK_ENV, hook.url().toString())::get)
        .decisionNeeded(new DecisionNotice("op-6", "web-api", "failover", "tm", 1, null));

    assertEquals("https://temporal.contoso.internal/namespaces/dr-prod/workflows/op-3", hooks.get(0).get("links").get("Open in Temporal Web UI").asText());
    assertEquals("https://ui.example/namespaces/default/workflows/op-4", hooks.get(1).get("links").get("Open in Temporal Web UI").asText());
    assertEquals("http://127.0.0.1:8234/namespaces/default/workflows/op-5", hooks.get(2).get("links").get("Open in Temporal Web UI").asText());
    assertEquals(0, hooks.get(3).get("links").size(), "no UI known, no link: " + hooks.get(3));
    assertEquals("continuity decide op-6 --step tm retry|skip|abort --as <you>", hooks.get(3).get("commands").get(0).asText());
  }

  @Test
  void channelsComeFromTheEnvironment() {
    List<NotificationChannel> none = NotificationChannel.from(Map.<String, String>of()::get);
    assertEquals(List.of(), none);
    List<NotificationChannel> both = NotificationChannel.from(Map.of(
        NotificationChannel.TEAMS_ENV, "https://contoso.webhook.office.com/webhookb2/abc?sig=secret",
        NotificationChannel.WEBHOOK_ENV, "https://hooks.example/dr")::get);
    assertEquals(List.of("teams", "webhook"), both.stream().map(NotificationChannel::kind).toList());
    assertEquals("teams (contoso.webhook.office.com)", both.get(0).toString(), "the signed URL is never printed");
  }
}
