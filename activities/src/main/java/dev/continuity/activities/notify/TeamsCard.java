package dev.continuity.activities.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.Json;

/**
 * A notice as a Teams message with one Adaptive Card, the format both Teams incoming webhooks and
 * Workflows (Power Automate) webhooks accept.
 */
final class TeamsCard {
  private TeamsCard() {}

  static ObjectNode of(Notice n) {
    ObjectNode card = Json.MAPPER.createObjectNode();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json").put("type", "AdaptiveCard").put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject().put("type", "TextBlock").put("text", n.title()).put("weight", "Bolder").put("size", "Medium").put("wrap", true);
    if (n.text() != null) body.addObject().put("type", "TextBlock").put("text", n.text()).put("wrap", true);
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    n.facts().forEach((k, v) -> facts.addObject().put("title", k).put("value", v));
    for (String command : n.commands()) {
      body.addObject().put("type", "TextBlock").put("text", command).put("fontType", "Monospace").put("wrap", true);
    }
    ArrayNode actions = card.putArray("actions");
    n.links().forEach((label, url) -> actions.addObject().put("type", "Action.OpenUrl").put("title", label).put("url", url));

    ObjectNode message = Json.MAPPER.createObjectNode().put("type", "message");
    message.putArray("attachments").addObject()
        .put("contentType", "application/vnd.microsoft.card.adaptive")
        .set("content", card);
    return message;
  }
}
