package dev.continuity.model.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ${...} names a runbook may use in step parameters, so one step serves both directions:
 * ${from} and ${to} follow the operation (a failback swaps them), ${primary} and ${secondary} never move.
 */
final class Placeholders {
  static final List<String> ALLOWED = List.of("from", "to", "primary", "secondary", "stamp");
  private static final Pattern REF = Pattern.compile("\\$\\{([^}]*)}");

  private Placeholders() {}

  /** Names used in {@code value} (strings, lists and maps, deeply) that are not allowed. */
  static List<String> unknown(Object value) {
    List<String> out = new ArrayList<>();
    collect(value, out);
    return out;
  }

  private static void collect(Object value, List<String> out) {
    if (value instanceof String s) {
      Matcher m = REF.matcher(s);
      while (m.find()) if (!ALLOWED.contains(m.group(1).trim())) out.add(m.group(0));
    } else if (value instanceof List<?> l) {
      for (Object o : l) collect(o, out);
    } else if (value instanceof Map<?, ?> map) {
      for (Object o : map.values()) collect(o, out);
    }
  }

  static Map<String, String> of(String stamp, String from, String to, String primary, String secondary) {
    return Map.of("stamp", stamp, "from", from, "to", to, "primary", primary, "secondary", secondary);
  }

  /** {@code value} with every ${name} replaced; non-string leaves stay as they are. */
  static Object substitute(Object value, Map<String, String> vars) {
    if (value instanceof String s) {
      Matcher m = REF.matcher(s);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String v = vars.get(m.group(1).trim());
        m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group(0) : v));
      }
      m.appendTail(sb);
      return sb.toString();
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) out.add(substitute(o, vars));
      return java.util.Collections.unmodifiableList(out);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), substitute(v, vars)));
      return java.util.Collections.unmodifiableMap(out);
    }
    return value;
  }
}
