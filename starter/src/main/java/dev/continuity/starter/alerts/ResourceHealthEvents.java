package dev.continuity.starter.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.estate.Severity;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Resource Health's AvailabilityStatusChanged event (Azure Resource Notifications): a resource
 * turning Unavailable fires, turning Available again resolves, anything else (Degraded, Unknown) is
 * only recorded. The event carries no severity; the server gives it one, Sev1 unless configured.
 */
public final class ResourceHealthEvents {
  public static final String TYPE = "Microsoft.ResourceNotifications.HealthResources.AvailabilityStatusChanged";

  private final Severity severity;

  public ResourceHealthEvents(Severity severity) {
    this.severity = severity == null ? Severity.Sev1 : severity;
  }

  AlertSignal signal(String id, String channel, String subject, JsonNode data, OffsetDateTime time) throws BadAlertException {
    if (id == null || id.isBlank()) throw new BadAlertException("a resource health event has no id");
    String where = "event " + CommonAlertParser.clip(id) + " data";
    JsonNode info = StrictJson.object(data, "resourceInfo", where);
    JsonNode props = StrictJson.object(info, "properties", where + ".resourceInfo");
    String state = StrictJson.text(props, "availabilityState", where + ".resourceInfo.properties");
    Set<String> targets = new LinkedHashSet<>();
    String target = StrictJson.optionalText(props, "targetResourceId", where + ".resourceInfo.properties");
    if (target != null) targets.add(target);
    String statusId = StrictJson.optionalText(info, "id", where + ".resourceInfo");
    if (statusId != null) targets.add(statusId);
    if (subject != null && subject.startsWith("/")) targets.add(subject);
    if (targets.isEmpty()) throw new BadAlertException(where + " names no resource (resourceInfo.properties.targetResourceId)");
    AlertSignal.Condition condition = switch (state) {
      case "Unavailable" -> AlertSignal.Condition.FIRED;
      case "Available" -> AlertSignal.Condition.RESOLVED;
      default -> AlertSignal.Condition.INFORMATIONAL;
    };
    String previous = props.path("previousAvailabilityState").asText("");
    String text = "resource health: " + (previous.isEmpty() ? "" : previous + " -> ") + state
        + (props.path("title").isTextual() ? " (" + props.path("title").asText() + ")" : "");
    long at = time == null ? System.currentTimeMillis() : time.toInstant().toEpochMilli();
    return new AlertSignal(id, id, channel, TYPE, condition, severity, List.copyOf(targets), List.of(), text, at);
  }
}
