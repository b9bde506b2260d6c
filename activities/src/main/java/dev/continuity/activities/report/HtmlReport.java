package dev.continuity.activities.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.continuity.model.Json;
import dev.continuity.model.timeline.Timeline;

/**
 * The report as one self-contained HTML page (no external scripts, styles or fonts, so it opens
 * from a mail attachment or an air-gapped share): the text, the timeline chart and the facts.
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static String render(String markdown, String writtenBy, ReportFacts facts, Timeline t, RecoveryMeasures m) {
    String json;
    try {
      json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report facts cannot be written as JSON: " + e.getMessage(), e);
    }
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        + "<title>DR report " + MarkdownHtml.escape(t.operationId) + "</title>\n"
        + "<style>body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}"
        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 6px;font-size:13px}"
        + "pre{background:#f5f5f5;padding:1em;overflow:auto;font-size:12px}.by{color:#666}</style>\n"
        + "</head><body>\n"
        + "<p class=\"by\" id=\"written-by\">Written by " + MarkdownHtml.escape(writtenBy) + "</p>\n"
        + "<section id=\"report\">\n" + MarkdownHtml.render(markdown) + "</section>\n"
        + "<section id=\"timeline\"><h2>Timeline chart</h2>\n" + TimelineChart.svg(t, m) + "</section>\n"
        + "<section id=\"facts\"><h2>Facts</h2><details><summary>Measured facts (JSON)</summary><pre id=\"facts-json\">"
        + MarkdownHtml.escape(json) + "</pre></details></section>\n"
        + "</body></html>\n";
  }
}
