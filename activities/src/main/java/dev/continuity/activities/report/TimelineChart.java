package dev.continuity.activities.report;

import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.model.timeline.TimelineEvent;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The operation over time as SVG: one row per step with its run as a bar (coloured by how it
 * ended), approval and decision waits as hatched bars before it, the trigger and the moment
 * traffic reached the secondary (the RTO) as vertical lines.
 */
final class TimelineChart {
  private static final int LABEL = 220;
  private static final int WIDTH = 960;
  private static final int ROW = 26;
  private static final int TOP = 40;

  private TimelineChart() {}

  static String svg(Timeline t, RecoveryMeasures m) {
    long start = t.triggeredAtMillis > 0 ? t.triggeredAtMillis : t.startedAtMillis;
    long end = Math.max(t.endedAtMillis, start + 1000);
    for (StepRecord s : t.steps) end = Math.max(end, s.endedAtMillis);
    for (TimelineEvent e : t.events) end = Math.max(end, e.atMillis());
    double scale = (WIDTH - LABEL - 20) / (double) (end - start);
    int height = TOP + ROW * Math.max(1, t.steps.size()) + 40;

    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline-chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Operation timeline\">\n",
        WIDTH, height, WIDTH, height));
    svg.append("<defs><pattern id=\"wait\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        + "<rect width=\"3\" height=\"6\" fill=\"#f0b429\"/></pattern></defs>\n");
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"12\">0 s</text><text x=\"%d\" y=\"20\" font-size=\"12\" text-anchor=\"end\">%d s</text>\n",
        LABEL, WIDTH - 20, (end - start) / 1000));

    Map<String, Long> waitFrom = new HashMap<>();
    Map<String, long[]> waits = new HashMap<>();
    for (TimelineEvent e : t.events) {
      if (e.step() == null) continue;
      if (e.kind() == EventKind.APPROVAL_REQUESTED || e.kind() == EventKind.DECISION_REQUESTED) {
        waitFrom.put(e.step() + "|" + e.kind(), e.atMillis());
      } else if (e.kind() == EventKind.APPROVED || e.kind() == EventKind.REJECTED || e.kind() == EventKind.APPROVAL_TIMED_OUT) {
        Long from = waitFrom.remove(e.step() + "|" + EventKind.APPROVAL_REQUESTED);
        if (from != null) waits.put(e.step() + "|approval", new long[] {from, e.atMillis()});
      } else if (e.kind() == EventKind.DECISION) {
        Long from = waitFrom.remove(e.step() + "|" + EventKind.DECISION_REQUESTED);
        if (from != null) waits.put(e.step() + "|decision", new long[] {from, e.atMillis()});
      }
    }

    int y = TOP;
    for (StepRecord s : t.steps) {
      svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"12\">%s</text>\n", y + 15, MarkdownHtml.escape(s.id)));
      for (String kind : new String[] {"approval", "decision"}) {
        long[] w = waits.get(s.id + "|" + kind);
        if (w == null) continue;
        svg.append(bar("wait " + kind, s.id, x(w[0], start, scale), y + 4, width(w[0], w[1], scale), "url(#wait)",
            kind + " wait " + (w[1] - w[0]) / 1000 + " s"));
      }
      if (s.startedAtMillis > 0 && s.endedAtMillis >= s.startedAtMillis) {
        svg.append(bar("step " + s.state.name().toLowerCase(Locale.ROOT), s.id, x(s.startedAtMillis, start, scale), y + 4,
            width(s.startedAtMillis, s.endedAtMillis, scale), colour(s.state),
            s.id + " " + s.state + " " + (s.endedAtMillis - s.startedAtMillis) / 1000 + " s, " + s.attempts + " attempt(s)"));
      }
      y += ROW;
    }
    svg.append(marker("trigger", x(start, start, scale), TOP - 6, y, "#555", "trigger"));
    if (m.rtoSeconds() >= 0) {
      svg.append(marker("rto", x(start + m.rtoSeconds() * 1000, start, scale), TOP - 6, y, "#c62828", "RTO " + m.rtoSeconds() + " s"));
    }
    svg.append(String.format(Locale.ROOT,
        "<g font-size=\"11\"><rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"#2e7d32\"/><text x=\"%d\" y=\"%d\">succeeded</text>"
            + "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"#c62828\"/><text x=\"%d\" y=\"%d\">failed</text>"
            + "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"url(#wait)\"/><text x=\"%d\" y=\"%d\">waiting for a human</text></g>\n",
        LABEL, y + 14, LABEL + 16, y + 23, LABEL + 100, y + 14, LABEL + 116, y + 23, LABEL + 180, y + 14, LABEL + 196, y + 23));
    return svg.append("</svg>\n").toString();
  }

  private static String bar(String cls, String step, double x, int y, double w, String fill, String title) {
    return String.format(Locale.ROOT,
        "<rect class=\"%s\" data-step=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>\n",
        cls, MarkdownHtml.escape(step), x, y, w, ROW - 8, fill, MarkdownHtml.escape(title));
  }

  private static String marker(String cls, double x, int y1, int y2, String colour, String label) {
    return String.format(Locale.ROOT,
        "<g class=\"marker %s\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>"
            + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text></g>\n",
        cls, x, y1, x, y2, colour, x + 3, y1 + 2, colour, MarkdownHtml.escape(label));
  }

  private static double x(long at, long start, double scale) {
    return LABEL + Math.max(0, at - start) * scale;
  }

  private static double width(long from, long to, double scale) {
    return Math.max(2, (to - from) * scale);
  }

  private static String colour(StepState s) {
    return switch (s) {
      case SUCCEEDED -> "#2e7d32";
      case FAILED -> "#c62828";
      case SKIPPED -> "#9e9e9e";
      default -> "#1565c0";
    };
  }
}
