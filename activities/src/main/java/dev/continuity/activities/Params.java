package dev.continuity.activities;

import dev.continuity.model.actions.ActionRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Lenient reading of step parameters: runbooks are YAML, so a number may arrive as 1, 1.0 or "1" and
 * a flag as true or "yes". A value that cannot be read fails the step for good: retrying cannot fix it.
 */
final class Params {
  private Params() {}

  static String string(ActionRequest r, String name) {
    String v = optionalString(r, name);
    if (v == null) throw bad(r, name, "is required");
    return v;
  }

  static String optionalString(ActionRequest r, String name) {
    String v = r.param(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  static int integer(ActionRequest r, String name, int min, int max) {
    Integer v = optionalInteger(r, name, min, max);
    if (v == null) throw bad(r, name, "is required");
    return v;
  }

  static Integer optionalInteger(ActionRequest r, String name, int min, int max) {
    Object raw = r.params() == null ? null : r.params().get(name);
    if (raw == null || (raw instanceof String s && s.isBlank())) return null;
    long value;
    try {
      if (raw instanceof Number n) {
        if (n.doubleValue() != Math.rint(n.doubleValue())) throw new NumberFormatException();
        value = n.longValue();
      } else {
        double d = Double.parseDouble(raw.toString().trim());
        if (d != Math.rint(d)) throw new NumberFormatException();
        value = (long) d;
      }
    } catch (NumberFormatException e) {
      throw bad(r, name, "must be a whole number, got '" + raw + "'");
    }
    if (value < min || value > max) throw bad(r, name, "must be between " + min + " and " + max + ", got " + value);
    return (int) value;
  }

  static boolean bool(ActionRequest r, String name) {
    Boolean v = optionalBool(r, name);
    if (v == null) throw bad(r, name, "is required (true or false)");
    return v;
  }

  static Boolean optionalBool(ActionRequest r, String name) {
    Object raw = r.params() == null ? null : r.params().get(name);
    if (raw == null) return null;
    if (raw instanceof Boolean b) return b;
    String s = raw.toString().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "" -> null;
      case "true", "yes", "on", "1", "enabled", "enable" -> true;
      case "false", "no", "off", "0", "disabled", "disable" -> false;
      default -> throw bad(r, name, "must be true or false, got '" + raw + "'");
    };
  }

  /** A map parameter: values become strings (app settings are strings in Azure). */
  static Map<String, String> stringMap(ActionRequest r, String name) {
    Object raw = r.params() == null ? null : r.params().get(name);
    if (!(raw instanceof Map<?, ?> m) || m.isEmpty()) throw bad(r, name, "must be a non-empty map of names to values");
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    return out;
  }

  /** A list parameter: a YAML list, or one comma-separated string. Empty when absent. */
  static java.util.List<String> optionalList(ActionRequest r, String name) {
    Object raw = r.params() == null ? null : r.params().get(name);
    java.util.List<String> out = new java.util.ArrayList<>();
    if (raw instanceof java.util.Collection<?> c) {
      for (Object o : c) if (o != null && !o.toString().isBlank()) out.add(o.toString().trim());
    } else if (raw != null) {
      for (String s : raw.toString().split(",")) if (!s.isBlank()) out.add(s.trim());
    }
    return out;
  }

  static java.util.List<String> list(ActionRequest r, String name) {
    java.util.List<String> v = optionalList(r, name);
    if (v.isEmpty()) throw bad(r, name, "is required (a list of names)");
    return v;
  }

  static ApplicationFailure bad(ActionRequest r, String name, String problem) {
    return ApplicationFailure.newNonRetryableFailure(
        r.action() + " (step " + r.stepId() + "): parameter '" + name + "' " + problem, "InvalidParameter");
  }
}
