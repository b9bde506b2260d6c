package dev.continuity.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An ARM resource path split into its parts:
 * /subscriptions/{sub}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}[/{type}/{name}...][/{action}].
 */
final class ResourcePath {
  final String subscription;
  final String resourceGroup;
  final String namespace;
  /** type/name pairs, outermost first. */
  final List<String[]> pairs;
  /** The trailing action segment(s) of a POST (e.g. "failover", "list"), or null. */
  final String action;

  private ResourcePath(String subscription, String resourceGroup, String namespace, List<String[]> pairs, String action) {
    this.subscription = subscription;
    this.resourceGroup = resourceGroup;
    this.namespace = namespace;
    this.pairs = pairs;
    this.action = action;
  }

  /** Null when the path is not a resource-group-scoped provider path. */
  static ResourcePath parse(String path) {
    String[] s = trimSlashes(path).split("/");
    if (s.length < 8 || !s[0].equalsIgnoreCase("subscriptions") || !s[2].equalsIgnoreCase("resourceGroups")
        || !s[4].equalsIgnoreCase("providers")) {
      return null;
    }
    List<String[]> pairs = new ArrayList<>();
    int i = 6;
    for (; i + 1 < s.length; i += 2) pairs.add(new String[] {s[i], s[i + 1]});
    String action = i < s.length ? s[i] : null;
    return new ResourcePath(s[1], s[3], s[5], pairs, action);
  }

  static String trimSlashes(String p) {
    String r = p;
    while (r.startsWith("/")) r = r.substring(1);
    while (r.endsWith("/")) r = r.substring(0, r.length() - 1);
    return r;
  }

  String type(int depth) {
    return pairs.size() > depth ? pairs.get(depth)[0].toLowerCase(Locale.ROOT) : null;
  }

  String name(int depth) {
    return pairs.size() > depth ? pairs.get(depth)[1] : null;
  }

  int depth() {
    return pairs.size();
  }

  /** The resource ID made of the first {@code depth} type/name pairs. */
  String id(int depth) {
    StringBuilder b = new StringBuilder("/subscriptions/").append(subscription).append("/resourceGroups/")
        .append(resourceGroup).append("/providers/").append(namespace);
    for (int d = 0; d < depth && d < pairs.size(); d++) b.append('/').append(pairs.get(d)[0]).append('/').append(pairs.get(d)[1]);
    return b.toString();
  }

  /** The key the estate stores a resource under: ARM IDs are case-insensitive. */
  static String key(String id) {
    return trimSlashes(id).toLowerCase(Locale.ROOT);
  }

  String serviceKey() {
    return (namespace + "/" + type(0)).toLowerCase(Locale.ROOT);
  }
}
