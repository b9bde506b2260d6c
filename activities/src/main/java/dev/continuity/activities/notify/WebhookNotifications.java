package dev.continuity.activities.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.Json;
import dev.continuity.model.notify.ApprovalNotice;
import dev.continuity.model.notify.DecisionNotice;
import dev.continuity.model.notify.NotificationActivities;
import dev.continuity.model.notify.NotificationResult;
import dev.continuity.model.notify.OperationEndedNotice;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notices to Teams and to a generic webhook. Each channel gets one short attempt: a
 * notification that arrives minutes late is worse than one recorded as failed, and a failure
 * never fails the operation (it is returned for the timeline).
 */
public class WebhookNotifications implements NotificationActivities {
  private static final Logger log = LoggerFactory.getLogger(WebhookNotifications.class);
  /** The Temporal Web UI's base URL, for links to an operation. */
  public static final String WEB_UI_ENV = "CONTINUITY_WEB_UI_URL";

  private final List<NotificationChannel> channels;
  private final String webUi;
  private final String namespace;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param webUi the Temporal Web UI's base URL (null: no link)
   * @param namespace the Temporal namespace the operations run in
   */
  public WebhookNotifications(List<NotificationChannel> channels, String webUi, String namespace, Duration timeout) {
    this.channels = List.copyOf(channels);
    this.webUi = webUi == null || webUi.isBlank() ? null : webUi.replaceAll("/+$", "");
    this.namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** From CONTINUITY_NOTIFY_TEAMS_URL, CONTINUITY_NOTIFY_WEBHOOK_URL, CONTINUITY_WEB_UI_URL (or TEMPORAL_UI_URL), TEMPORAL_NAMESPACE. */
  public static WebhookNotifications fromEnvironment(Function<String, String> env) {
    return fromEnvironment(env, null, null);
  }

  /**
   * As {@link #fromEnvironment(Function)}, with the Web UI and namespace given by a caller that
   * knows them (the demo runs its own dev server); a null argument falls back to the environment.
   */
  public static WebhookNotifications fromEnvironment(Function<String, String> env, String webUi, String namespace) {
    String ui = webUi;
    if (ui == null || ui.isBlank()) ui = env.apply(WEB_UI_ENV);
    if (ui == null || ui.isBlank()) ui = env.apply("TEMPORAL_UI_URL");
    String ns = namespace == null || namespace.isBlank() ? env.apply("TEMPORAL_NAMESPACE") : namespace;
    return new WebhookNotifications(NotificationChannel.from(env), ui, ns, Duration.ofSeconds(10));
  }

  @Override
  public NotificationResult approvalNeeded(ApprovalNotice n) {
    List<String> commands = List.of(
        "continuity approve " + n.operationId() + " --as <you> --comment \"...\"",
        "continuity reject " + n.operationId() + " --as <you> --comment \"...\"");
    return send(new Notice("approvalNeeded",
        "Approval needed: " + n.mode() + " of " + n.stamp() + " (" + n.fromRegion() + " -> " + n.toRegion() + ")",
        "Step " + n.step() + " waits for one of: " + String.join(", ", n.approvers() == null ? List.of() : n.approvers())
            + (n.reason() == null ? "" : ". Reason: " + n.reason()),
        Notice.facts("Operation", n.operationId(), "Stamp", n.stamp(), "Severity", n.severity(), "Step", n.step()),
        links(n.operationId(), null), commands, n));
  }

  @Override
  public NotificationResult decisionNeeded(DecisionNotice n) {
    return send(new Notice("decisionNeeded",
        "Decision needed: step " + n.step() + " of " + n.mode() + " of " + n.stamp() + " failed",
        "It failed after " + n.attempts() + " attempt(s)" + (n.error() == null ? "" : ": " + n.error())
            + ". Choose retry, skip or abort.",
        Notice.facts("Operation", n.operationId(), "Stamp", n.stamp(), "Step", n.step()),
        links(n.operationId(), null),
        List.of("continuity decide " + n.operationId() + " --step " + n.step() + " retry|skip|abort --as <you>"), n));
  }

  @Override
  public NotificationResult operationEnded(OperationEndedNotice n) {
    return send(new Notice("operationEnded",
        "The " + n.mode() + " of " + n.stamp() + " " + n.outcome(),
        n.summary(),
        Notice.facts("Operation", n.operationId(), "Outcome", n.outcome(), "Report", n.reportLocation(),
            "Report written by", n.writtenBy()),
        links(n.operationId(), n.reportLocation()),
        List.of("continuity report " + n.operationId() + " --format html --out report.html"), n));
  }

  private Map<String, String> links(String operationId, String report) {
    Map<String, String> links = new LinkedHashMap<>();
    if (webUi != null) links.put("Open in Temporal Web UI", webUi + "/namespaces/" + namespace + "/workflows/" + operationId);
    if (report != null && (report.startsWith("https://") || report.startsWith("http://"))) links.put("Open the report", report);
    return links;
  }

  private NotificationResult send(Notice notice) {
    List<String> delivered = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (NotificationChannel c : channels) {
      try {
        ObjectNode body = c.kind().equals("teams") ? TeamsCard.of(notice) : webhookBody(notice);
        HttpRequest request = HttpRequest.newBuilder(c.url()).timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          delivered.add(c.kind());
        } else {
          failures.add(c + ": HTTP " + response.statusCode());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failures.add(c + ": interrupted");
      } catch (Exception e) {
        failures.add(c + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
      }
    }
    if (!failures.isEmpty()) log.warn("notification {} not delivered: {}", notice.event(), failures);
    return new NotificationResult(delivered, failures);
  }

  private static ObjectNode webhookBody(Notice n) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("event", n.event()).put("title", n.title()).put("text", n.text());
    body.set("links", Json.MAPPER.valueToTree(n.links()));
    body.set("commands", Json.MAPPER.valueToTree(n.commands()));
    body.set("notice", Json.MAPPER.valueToTree(n.payload()));
    return body;
  }
}
