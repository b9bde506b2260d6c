package dev.continuity.starter.alerts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads a request body as JSON, refusing what a lenient reader would guess at: duplicate keys,
 * trailing content, deep nesting built to exhaust the stack, numbers of absurd length.
 */
final class StrictJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(64).maxNumberLength(100).maxStringLength(1_000_000).build());
  }

  private StrictJson() {}

  static JsonNode read(String body) throws BadAlertException {
    if (body == null || body.isBlank()) throw new BadAlertException("the body is empty; expected JSON");
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) throw new BadAlertException("the body is empty; expected JSON");
      return node;
    } catch (JsonProcessingException e) {
      String m = e.getOriginalMessage();
      var loc = e.getLocation();
      throw new BadAlertException("the body is not valid JSON: " + firstLine(m)
          + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
    }
  }

  /** The field as text, or a 400 naming it when it is missing or not a string. */
  static String text(JsonNode parent, String field, String where) throws BadAlertException {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) throw new BadAlertException(where + "." + field + " is missing");
    if (!n.isTextual()) throw new BadAlertException(where + "." + field + " must be a string, not " + kind(n));
    return n.asText();
  }

  static String optionalText(JsonNode parent, String field, String where) throws BadAlertException {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) return null;
    if (!n.isTextual()) throw new BadAlertException(where + "." + field + " must be a string, not " + kind(n));
    return n.asText();
  }

  static JsonNode object(JsonNode parent, String field, String where) throws BadAlertException {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) throw new BadAlertException(where + "." + field + " is missing");
    if (!n.isObject()) throw new BadAlertException(where + "." + field + " must be an object, not " + kind(n));
    return n;
  }

  static String kind(JsonNode n) {
    if (n.isObject()) return "an object";
    if (n.isArray()) return "an array";
    if (n.isTextual()) return "a string";
    if (n.isNumber()) return "a number";
    if (n.isBoolean()) return "a boolean";
    return "null";
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }

  private static String firstLine(String s) {
    if (s == null) return "unreadable";
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
