package dev.continuity.activities.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a model's report that leaves out a section or states a number the program did not
 * measure: every duration, time of day and count in the text must be one of the facts, and a
 * sentence about the RTO or the data loss must state the measured value or its target.
 */
public final class GroundingCheck {
  private static final String NUM = "(\\d+(?:\\.\\d+)?)";
  private static final String UNIT = "(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)";
  /** "250 s", "4 min 10 s", "1.5 hours": one or two parts. */
  private static final Pattern DURATION = Pattern.compile(
      "(?<![\\w.:-])" + NUM + "\\s*" + UNIT + "\\b(?:\\s*(?:and\\s*)?" + NUM + "\\s*" + UNIT + "\\b)?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern CLOCK = Pattern.compile("(?<![\\d:])([01]?\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d))?(?![\\d:])");
  private static final Pattern COUNT = Pattern.compile(
      "(?<![\\w.:-])(\\d+)\\s+(?:(?:of|out of)\\s+(\\d+)\\s+)?(?:\\w+\\s+)?(steps?|attempts?|actions?|approvals?)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern RTO = Pattern.compile("(?i)\\b(rto|recovery time)\\b");
  private static final Pattern RPO = Pattern.compile("(?i)\\b(rpo|data[- ]loss)\\b");
  private static final Pattern TARGET = Pattern.compile("(?i)\\b(target|objective|goal)\\b");
  private static final Pattern PLANNED = Pattern.compile("(?i)\\b(estimated|planned|expected)\\b");
  private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private GroundingCheck() {}

  /** Why the text is refused, or empty when every section is there and every number is a fact. */
  public static Optional<String> refusal(String markdown, ReportFacts facts) {
    if (markdown == null || markdown.isBlank()) return Optional.of("empty answer");
    List<String> missing = ReportSections.missing(markdown);
    if (!missing.isEmpty()) return Optional.of("missing section(s): " + String.join(", ", missing));

    List<Long> durations = facts.durations();
    for (String sentence : sentences(markdown)) {
      Matcher d = DURATION.matcher(sentence);
      while (d.find()) {
        double seconds = seconds(d.group(1), d.group(2)) + (d.group(3) == null ? 0 : seconds(d.group(3), d.group(4)));
        double tolerance = tolerance(d.group(d.group(3) == null ? 1 : 3), d.group(d.group(3) == null ? 2 : 4));
        if (durations.stream().noneMatch(v -> Math.abs(v - seconds) <= tolerance)) {
          return Optional.of("states a duration not in the facts: \"" + d.group().trim() + "\" in \"" + brief(sentence) + "\"");
        }
      }
      ReportFacts.Measures m = facts.measures();
      long[] losses = facts.dataSync().stream().map(ReportFacts.DataSync::expectedDataLossSeconds)
          .filter(java.util.Objects::nonNull).mapToLong(Long::longValue).toArray();
      Optional<String> rto = keyed(sentence, RTO, new long[] {m.rtoSeconds()}, facts.targets().rtoSeconds(),
          m.plannedCriticalPathSeconds());
      if (rto.isPresent()) {
        return Optional.of("states an RTO that differs from the measured " + m.rtoSeconds() + " s: \"" + rto.get() + "\"");
      }
      long[] measuredLoss = java.util.stream.LongStream.concat(java.util.stream.LongStream.of(m.dataLossSeconds()),
          java.util.Arrays.stream(losses)).toArray();
      Optional<String> rpo = keyed(sentence, RPO, measuredLoss, facts.targets().rpoSeconds(), -1);
      if (rpo.isPresent()) {
        return Optional.of("states a data-loss window that differs from the measured " + m.dataLossSeconds()
            + " s: \"" + rpo.get() + "\"");
      }
    }

    Set<String> clocks = new HashSet<>();
    for (String instant : facts.instants()) {
      try {
        String hms = HMS.format(Instant.parse(instant));
        clocks.add(hms);
        clocks.add(hms.substring(0, 5));
      } catch (RuntimeException notAnInstant) {
        // a lastSyncTime a service reported in another form is kept as text only
      }
    }
    Matcher c = CLOCK.matcher(markdown);
    while (c.find()) {
      String hh = c.group(1).length() == 1 ? "0" + c.group(1) : c.group(1);
      String hm = hh + ":" + c.group(2);
      String key = c.group(3) == null ? hm : hm + ":" + c.group(3);
      if (!clocks.contains(key)) return Optional.of("states a time not in the facts: " + c.group());
    }

    List<Long> counts = facts.counts();
    Matcher n = COUNT.matcher(markdown);
    while (n.find()) {
      for (int g : new int[] {1, 2}) {
        if (n.group(g) == null) continue;
        long v = Long.parseLong(n.group(g));
        if (!counts.contains(v)) return Optional.of("states a count not in the facts: \"" + n.group() + "\"");
      }
    }
    return Optional.empty();
  }

  /**
   * The first duration after each mention of the keyword must be the measured value, or the
   * target or the plan's estimate when the words between say so ("RTO target of 5 min",
   * "RTO estimated at 180 s"); returns the offending text.
   */
  private static Optional<String> keyed(String sentence, Pattern keyword, long[] measured, long target, long planned) {
    Matcher k = keyword.matcher(sentence);
    while (k.find()) {
      Matcher d = DURATION.matcher(sentence);
      if (!d.find(k.end())) continue;
      String between = sentence.substring(k.end(), d.start());
      if (keyword.matcher(between).find()) continue;
      boolean aboutTarget = TARGET.matcher(between).find();
      double seconds = seconds(d.group(1), d.group(2)) + (d.group(3) == null ? 0 : seconds(d.group(3), d.group(4)));
      double tolerance = tolerance(d.group(d.group(3) == null ? 1 : 3), d.group(d.group(3) == null ? 2 : 4));
      long[] allowed = aboutTarget ? new long[] {target} : PLANNED.matcher(between).find() ? new long[] {planned} : measured;
      boolean ok = false;
      for (long v : allowed) if (v >= 0 && Math.abs(v - seconds) <= tolerance) ok = true;
      if (!ok) return Optional.of(sentence.substring(k.start(), d.end()));
    }
    return Optional.empty();
  }

  private static double seconds(String number, String unit) {
    double v = Double.parseDouble(number);
    String u = unit.toLowerCase(Locale.ROOT);
    if (u.startsWith("h")) return v * 3600;
    if (u.startsWith("m")) return v * 60;
    return v;
  }

  /** A stated "4 min" stands for anything that rounds to it; "4.2 min" for a tenth of a minute. */
  private static double tolerance(String number, String unit) {
    double scale = seconds("1", unit);
    int dot = number.indexOf('.');
    double step = dot < 0 ? 1 : Math.pow(10, -(number.length() - dot - 1));
    return Math.max(1, scale * step / 2);
  }

  private static List<String> sentences(String markdown) {
    List<String> out = new ArrayList<>();
    for (String line : markdown.split("\\R")) {
      for (String s : line.split("(?<=[.!?;])\\s+|\\s*\\|\\s*")) if (!s.isBlank()) out.add(s);
    }
    return out;
  }

  private static String brief(String s) {
    String t = s.trim();
    return t.length() > 160 ? t.substring(0, 160) + "..." : t;
  }
}
