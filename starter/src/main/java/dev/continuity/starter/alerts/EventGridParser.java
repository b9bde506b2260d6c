package dev.continuity.starter.alerts;

import com.azure.core.models.CloudEvent;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.EventGridEvent;
import com.azure.messaging.eventgrid.SystemEventNames;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Event Grid push in either schema, single or batched, with the Event Grid SDK's own
 * deserialisers (which insist on the fields the schemas require), after a strict JSON read that
 * names what is wrong where the SDK would only fail.
 */
public final class EventGridParser {
  /** The Event Grid limit for one delivery batch is 1 MB / 5,000 events; more is not Event Grid. */
  static final int MAX_EVENTS = 5_000;

  private EventGridParser() {}

  public static EventGridDelivery parse(String body, ResourceHealthEvents health) throws BadAlertException {
    JsonNode root = StrictJson.read(body);
    List<JsonNode> items = new ArrayList<>();
    if (root.isArray()) root.forEach(items::add);
    else if (root.isObject()) items.add(root);
    else throw new BadAlertException("the body must be an event object or an array of events, not " + StrictJson.kind(root));
    if (items.isEmpty()) throw new BadAlertException("the batch holds no events");
    if (items.size() > MAX_EVENTS) throw new BadAlertException("the batch holds " + items.size() + " events; at most " + MAX_EVENTS);
    for (int i = 0; i < items.size(); i++) {
      if (!items.get(i).isObject()) throw new BadAlertException("event [" + i + "] must be an object, not " + StrictJson.kind(items.get(i)));
    }
    boolean cloud = items.get(0).has("specversion");
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).has("specversion") != cloud) {
        throw new BadAlertException("event [" + i + "] mixes CloudEvents and Event Grid schema in one batch");
      }
    }
    // The SDK would refuse these too, but it logs each refusal as an error with a stack trace.
    String[] required = cloud ? CLOUD_EVENT_FIELDS : EVENT_GRID_FIELDS;
    for (int i = 0; i < items.size(); i++) {
      for (String field : required) {
        JsonNode v = items.get(i).get(field);
        if (v == null || v.isNull()) throw new BadAlertException("event [" + i + "]." + field + " is missing");
        if (!v.isTextual()) throw new BadAlertException("event [" + i + "]." + field + " must be a string, not " + StrictJson.kind(v));
      }
      if (!cloud && !items.get(i).has("data")) throw new BadAlertException("event [" + i + "].data is missing");
    }
    return cloud ? cloudEvents(body, health, items) : eventGridEvents(body, health, items);
  }

  private static final String[] EVENT_GRID_FIELDS = {"id", "subject", "eventType", "eventTime", "dataVersion"};
  private static final String[] CLOUD_EVENT_FIELDS = {"id", "source", "type", "specversion"};

  private static EventGridDelivery eventGridEvents(String body, ResourceHealthEvents health, List<JsonNode> items) throws BadAlertException {
    List<EventGridEvent> events;
    try {
      events = EventGridEvent.fromString(body);
    } catch (RuntimeException e) {
      throw new BadAlertException("not an Event Grid schema event: " + sdkMessage(e));
    }
    String validation = null;
    List<AlertSignal> signals = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      EventGridEvent e = events.get(i);
      String type = e.getEventType();
      if (SystemEventNames.EVENT_GRID_SUBSCRIPTION_VALIDATION.equals(type)) {
        JsonNode data = data(e.getData(), e.getId(), items, i);
        validation = StrictJson.text(data, "validationCode", "validation event data");
      } else if (ResourceHealthEvents.TYPE.equals(type)) {
        signals.add(health.signal(e.getId(), "eventgrid", e.getSubject(), data(e.getData(), e.getId(), items, i), e.getEventTime()));
      } else {
        ignored.add(type);
      }
    }
    return new EventGridDelivery(validation, signals, ignored, events.size());
  }

  private static EventGridDelivery cloudEvents(String body, ResourceHealthEvents health, List<JsonNode> items) throws BadAlertException {
    List<CloudEvent> events;
    try {
      events = CloudEvent.fromString(body);
    } catch (RuntimeException e) {
      throw new BadAlertException("not a CloudEvents 1.0 event: " + sdkMessage(e));
    }
    List<AlertSignal> signals = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      CloudEvent e = events.get(i);
      if (ResourceHealthEvents.TYPE.equals(e.getType())) {
        signals.add(health.signal(e.getId(), "cloudevents", e.getSubject(), data(e.getData(), e.getId(), items, i), e.getTime()));
      } else {
        ignored.add(e.getType());
      }
    }
    return new EventGridDelivery(null, signals, ignored, events.size());
  }

  /**
   * The event's data. The strict read already holds it as a tree (the SDK keeps the events in the
   * body's order), so it is not serialised and parsed again; only data the tree lacks (a CloudEvent's
   * data_base64) is read from the SDK's copy.
   */
  private static JsonNode data(BinaryData data, String id, List<JsonNode> items, int index) throws BadAlertException {
    if (data == null) throw new BadAlertException("event " + CommonAlertParser.clip(id) + " has no data");
    JsonNode parsed = index < items.size() ? items.get(index).get("data") : null;
    JsonNode node = parsed != null && parsed.isContainerNode() && id.equals(items.get(index).path("id").asText(null))
        ? parsed : StrictJson.read(data.toString());
    if (!node.isObject()) throw new BadAlertException("event " + CommonAlertParser.clip(id) + ": data must be an object, not " + StrictJson.kind(node));
    return node;
  }

  private static String sdkMessage(RuntimeException e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) t = t.getCause();
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return CommonAlertParser.clip(m.replace('\n', ' '));
  }
}
