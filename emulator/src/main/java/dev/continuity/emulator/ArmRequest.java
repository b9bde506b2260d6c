package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** One request to the emulated ARM, already parsed. */
record ArmRequest(String method, String path, Map<String, String> query, Map<String, String> headers, JsonNode body,
    String baseUrl, String apiVersion) {

  /** A request header; names are case-insensitive. */
  String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  String param(String name) {
    for (Map.Entry<String, String> e : query.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
    return null;
  }

  /** The body as an object; ARM answers 400 when a body that must be an object is not one. */
  ObjectNode objectBody() {
    if (body instanceof ObjectNode o) return o;
    throw ArmException.badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: a JSON object is required.");
  }

  boolean is(String m) {
    return method.equalsIgnoreCase(m);
  }
}
