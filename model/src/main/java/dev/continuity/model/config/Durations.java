package dev.continuity.model.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them ("30s", "15m", "1h30m") or in ISO-8601 ("PT15M"). */
final class Durations {
  static final String ALLOWED = "a duration such as 30s, 15m, 1h, 1h30m or ISO-8601 PT15M";

  private static final Pattern SHORT = Pattern.compile("(?:\\d+(?:ms|d|h|m|s))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

  private Durations() {}

  /** The duration written in {@code text}, or null when it is not one. */
  static Duration parse(String text) {
    if (text == null) return null;
    String t = text.trim();
    if (t.isEmpty()) return null;
    if (t.startsWith("P") || t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    if (!SHORT.matcher(t).matches()) return null;
    Duration d = Duration.ZERO;
    Matcher m = PART.matcher(t);
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        d = d.plus(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
    return d;
  }

  /** The short form back: "1h 5m", "30s", "0s". */
  static String format(Duration d) {
    if (d == null) return "-";
    if (d.isZero()) return "0s";
    StringBuilder sb = new StringBuilder();
    long h = d.toHours();
    int m = d.toMinutesPart();
    int s = d.toSecondsPart();
    int ms = d.toMillisPart();
    if (h > 0) sb.append(h).append('h');
    if (m > 0) sb.append(sb.isEmpty() ? "" : " ").append(m).append('m');
    if (s > 0) sb.append(sb.isEmpty() ? "" : " ").append(s).append('s');
    if (ms > 0) sb.append(sb.isEmpty() ? "" : " ").append(ms).append("ms");
    return sb.toString();
  }
}
