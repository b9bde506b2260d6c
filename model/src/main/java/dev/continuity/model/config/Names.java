package dev.continuity.model.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean ...?" for names an operator may have mistyped. */
final class Names {
  private Names() {}

  /** The closest candidate when it is close enough to be a typo, else null. */
  static String near(String name, Collection<String> candidates) {
    List<String> all = nearAll(name, candidates, 1);
    return all.isEmpty() ? null : all.get(0);
  }

  /** Up to {@code max} candidates close to {@code name}, closest first. */
  static List<String> nearAll(String name, Collection<String> candidates, int max) {
    if (name == null || candidates == null) return List.of();
    String n = name.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, n.length() / 3);
    List<String> out = new ArrayList<>();
    for (String c : candidates) {
      String lc = c.toLowerCase(Locale.ROOT);
      if (distance(n, lc) <= limit || (n.length() >= 4 && (lc.contains(n) || n.contains(lc)))) out.add(c);
    }
    out.sort(Comparator.comparingInt((String c) -> distance(n, c.toLowerCase(Locale.ROOT))).thenComparing(c -> c));
    return out.size() > max ? out.subList(0, max) : out;
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
