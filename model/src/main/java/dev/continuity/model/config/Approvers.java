package dev.continuity.model.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Approvers as written: an identity ("alice@contoso.com" or "user:alice@contoso.com") or a group
 * ("group:dr-leads"). Plans carry identities only, so that the workflow never reads the inventory.
 */
final class Approvers {
  static final String GROUP = "group:";
  static final String USER = "user:";
  static final String ALLOWED = "an identity (alice@contoso.com or user:alice@contoso.com) or a group (group:<name>)";

  private Approvers() {}

  static boolean isGroup(String entry) {
    return entry.startsWith(GROUP);
  }

  static String identity(String entry) {
    String e = entry.trim();
    return e.startsWith(USER) ? e.substring(USER.length()).trim() : e;
  }

  /** What is wrong with one entry, or null when it is fine. */
  static String problem(String entry, Map<String, List<String>> groups) {
    String e = entry == null ? "" : entry.trim();
    if (isGroup(e)) {
      String g = e.substring(GROUP.length());
      if (groups.containsKey(g)) return null;
      String near = Names.near(g, groups.keySet());
      return "unknown group '" + g + "'" + (near == null ? "" : "; did you mean 'group:" + near + "'?")
          + " (groups: " + (groups.isEmpty() ? "none defined under groups:" : String.join(", ", groups.keySet())) + ")";
    }
    String id = identity(e);
    if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) return "'" + entry + "' is not " + ALLOWED;
    if (groups.containsKey(id)) return "'" + id + "' is a group: write 'group:" + id + "'";
    return null;
  }

  /** The identities the entries name, groups expanded, in order, each once. Unknown groups add nobody. */
  static List<String> resolve(List<String> entries, Map<String, List<String>> groups) {
    Set<String> out = new LinkedHashSet<>();
    if (entries != null) {
      for (String e : entries) {
        if (isGroup(e)) {
          List<String> members = groups.get(e.substring(GROUP.length()));
          if (members != null) for (String m : members) out.add(identity(m));
        } else {
          out.add(identity(e));
        }
      }
    }
    return List.copyOf(new ArrayList<>(out));
  }
}
