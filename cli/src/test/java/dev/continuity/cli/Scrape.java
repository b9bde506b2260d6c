package dev.continuity.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One answer of a /metrics endpoint, read as Prometheus reads the text format. */
record Scrape(String text, List<Series> series) {
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  record Series(String name, Map<String, String> labels, double value) {}

  static Scrape get(String url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new AssertionError(url + " answered " + r.statusCode() + ": " + r.body());
    if (!r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4")) {
      throw new AssertionError(url + " is not the Prometheus text format: " + r.headers().map());
    }
    return parse(r.body());
  }

  static Scrape parse(String text) {
    List<Series> all = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, line.indexOf(' '));
      Map<String, String> labels = new LinkedHashMap<>();
      if (brace >= 0 && brace < space) {
        Matcher m = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
        while (m.find()) labels.put(m.group(1), m.group(2));
      }
      all.add(new Series(name, labels, Double.parseDouble(line.substring(space + 1))));
    }
    return new Scrape(text, all);
  }

  Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (Series s : series) names.add(s.name());
    return names;
  }

  /** The sum of every series of this name carrying these labels (and any others). */
  double sum(String name, String... labelPairs) {
    double total = 0;
    boolean found = false;
    for (Series s : series) {
      if (!s.name().equals(name) || !matches(s, labelPairs)) continue;
      total += s.value();
      found = true;
    }
    if (!found) throw new AssertionError("no series " + name + " " + String.join(",", labelPairs) + " in\n" + text);
    return total;
  }

  boolean has(String name, String... labelPairs) {
    return series.stream().anyMatch(s -> s.name().equals(name) && matches(s, labelPairs));
  }

  private static boolean matches(Series s, String... labelPairs) {
    for (int i = 0; i < labelPairs.length; i += 2) {
      if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) return false;
    }
    return true;
  }
}
