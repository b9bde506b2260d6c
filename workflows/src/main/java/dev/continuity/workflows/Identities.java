package dev.continuity.workflows;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * How approver identities compare: case-insensitively, with an optional "user:" prefix, so that
 * "User:Alice@Contoso.com" typed on a command line matches "alice@contoso.com" in the inventory.
 */
final class Identities {
  private Identities() {}

  static String normalize(String identity) {
    if (identity == null) return "";
    String s = identity.trim();
    if (s.regionMatches(true, 0, "user:", 0, 5)) s = s.substring(5).trim();
    return s.toLowerCase(Locale.ROOT);
  }

  static boolean contains(Collection<String> identities, String identity) {
    if (identities == null) return false;
    String wanted = normalize(identity);
    if (wanted.isEmpty()) return false;
    for (String candidate : identities) if (normalize(candidate).equals(wanted)) return true;
    return false;
  }

  static List<String> union(Collection<String> a, Collection<String> b) {
    List<String> out = new ArrayList<>();
    if (a != null) for (String s : a) if (!contains(out, s)) out.add(s);
    if (b != null) for (String s : b) if (!contains(out, s)) out.add(s);
    return out;
  }
}
