package dev.continuity.activities.report;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The seven sections operators expect in a DR report, in order. */
public final class ReportSections {
  public static final List<String> ALL = List.of(
      "Executive Summary",
      "Timeline of Events",
      "Current Service Status",
      "Data Integrity Assessment",
      "Impact Analysis",
      "Recommended Next Steps",
      "Estimated Recovery Timeline");

  private ReportSections() {}

  /** The sections the markdown has no heading for. */
  public static List<String> missing(String markdown) {
    return ALL.stream().filter(s -> !hasHeading(markdown, s)).toList();
  }

  private static boolean hasHeading(String markdown, String section) {
    return Pattern.compile("(?m)^#{1,4}\\s*(\\d+\\.\\s*)?\\**" + Pattern.quote(section.toLowerCase(Locale.ROOT)) + "\\**\\s*$")
        .matcher(markdown.toLowerCase(Locale.ROOT)).find();
  }
}
