package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response of the emulated ARM: status, headers and an optional JSON body. */
record ArmResponse(int status, Map<String, String> headers, JsonNode body) {

  static ArmResponse of(int status, JsonNode body) {
    return new ArmResponse(status, new LinkedHashMap<>(), body);
  }

  static ArmResponse ok(JsonNode body) {
    return of(200, body);
  }

  ArmResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
