package dev.continuity.activities.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markdown of a report as HTML: headings, paragraphs, lists, tables, bold and code. Enough
 * for the report's own text; everything is escaped first, so a model cannot inject markup.
 */
final class MarkdownHtml {
  private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  private MarkdownHtml() {}

  static String render(String markdown) {
    StringBuilder html = new StringBuilder();
    String[] lines = markdown.split("\\R");
    boolean list = false;
    boolean table = false;
    boolean pre = false;
    StringBuilder para = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("```")) {
        flush(html, para);
        html.append(pre ? "</pre>\n" : "<pre>");
        pre = !pre;
        continue;
      }
      if (pre) {
        html.append(escape(line)).append('\n');
        continue;
      }
      String t = line.trim();
      boolean isRow = t.startsWith("|") && t.endsWith("|") && t.length() > 1;
      boolean isItem = t.matches("[-*] .*|\\d+\\. .*");
      if (!isItem && list) { html.append("</ul>\n"); list = false; }
      if (!isRow && table) { html.append("</table>\n"); table = false; }
      if (t.isEmpty()) { flush(html, para); continue; }
      Matcher h = Pattern.compile("^(#{1,6})\\s+(.*)$").matcher(t);
      if (h.matches()) {
        flush(html, para);
        int level = h.group(1).length();
        html.append("<h").append(level).append('>').append(inline(h.group(2))).append("</h").append(level).append(">\n");
      } else if (isRow) {
        flush(html, para);
        if (t.matches("\\|[\\s:|-]+\\|")) continue;
        boolean header = !table && i + 1 < lines.length && lines[i + 1].trim().matches("\\|[\\s:|-]+\\|");
        if (!table) { html.append("<table>\n"); table = true; }
        html.append("<tr>");
        for (String cell : t.substring(1, t.length() - 1).split("(?<!\\\\)\\|", -1)) {
          String tag = header ? "th" : "td";
          html.append('<').append(tag).append('>').append(inline(cell.trim().replace("\\|", "|"))).append("</").append(tag).append('>');
        }
        html.append("</tr>\n");
      } else if (isItem) {
        flush(html, para);
        if (!list) { html.append("<ul>\n"); list = true; }
        html.append("<li>").append(inline(t.replaceFirst("^([-*]|\\d+\\.) ", ""))).append("</li>\n");
      } else {
        para.append(para.length() == 0 ? "" : " ").append(t);
      }
    }
    flush(html, para);
    if (list) html.append("</ul>\n");
    if (table) html.append("</table>\n");
    if (pre) html.append("</pre>\n");
    return html.toString();
  }

  private static void flush(StringBuilder html, StringBuilder para) {
    if (para.length() > 0) html.append("<p>").append(inline(para.toString())).append("</p>\n");
    para.setLength(0);
  }

  private static String inline(String text) {
    String s = escape(text);
    s = CODE.matcher(s).replaceAll("<code>$1</code>");
    return BOLD.matcher(s).replaceAll("<strong>$1</strong>");
  }

  static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
