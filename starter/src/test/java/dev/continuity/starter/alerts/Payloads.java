package dev.continuity.starter.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real-shaped payloads under src/test/resources/alerts. */
final class Payloads {
  private Payloads() {}

  static String read(String name) {
    try (InputStream in = Payloads.class.getResourceAsStream("/alerts/" + name)) {
      if (in == null) throw new IllegalArgumentException("no test payload " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The payload with one alert id replaced, so a test can send many distinct alerts. */
  static String metricAlert(String id, String condition) {
    return read("monitor-metric-fired.json")
        .replace("aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e", id)
        .replace("\"monitorCondition\": \"Fired\"", "\"monitorCondition\": \"" + condition + "\"");
  }
}
