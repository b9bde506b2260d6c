package dev.continuity.model.config;

import dev.continuity.model.estate.ApprovalPolicy;
import dev.continuity.model.estate.Detection;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.estate.Targets;
import dev.continuity.model.estate.TimeoutOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads inventory.yaml into an {@link Inventory}, reporting what is wrong inside it. */
final class InventoryReader {
  static final List<String> TOP_KEYS = List.of("inventory", "workers", "groups", "stamps");
  static final List<String> WORKER_KEYS = List.of("regions");
  static final List<String> STAMP_KEYS = List.of("name", "primaryRegion", "secondaryRegion", "targets", "approvers",
      "severityPolicy", "approval", "cooldown", "resources", "detection");
  static final List<String> DETECTION_KEYS = List.of("probe", "interval", "consecutiveFailures", "quorum", "severity");
  static final Duration MIN_DETECTION_INTERVAL = Duration.ofSeconds(1);
  static final List<String> TARGET_KEYS = List.of("rtoMinutes", "rpoMinutes");
  static final List<String> SEVERITY_KEYS = List.of("automatic", "approval");
  static final List<String> APPROVAL_KEYS = List.of("timeout", "onTimeout", "escalateTo");
  static final List<String> RESOURCE_KEYS = List.of("kind", "id", "region", "properties");
  static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(30);
  static final String ON_TIMEOUT_ALLOWED = "abort, escalate or proceed";

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  static final Pattern REGION = Pattern.compile("[a-z][a-z0-9]*");

  private final YamlReader r;

  InventoryReader(YamlReader reader) {
    this.r = reader;
  }

  /** The inventory, as complete as the file allows; never null for a readable mapping. */
  Inventory read(Node root) {
    Map<String, Node> top = r.mapping(root, "the inventory", null, TOP_KEYS);
    if (top == null) return new Inventory(null, List.of(), Map.of(), List.of());
    String name = r.required(top, "inventory", root, "the inventory", null);

    Map<String, List<String>> groups = groups(top.get("groups"));
    List<String> workerRegions = new ArrayList<>();
    Map<String, Node> workerNodes = new LinkedHashMap<>();
    Node workers = top.get("workers");
    if (workers == null) {
      r.problem(root, null, "the inventory needs 'workers: { regions: [...] }': where the workers run is checked against"
          + " every stamp's primary region (DESIGN rule 10)");
    } else {
      Map<String, Node> w = r.mapping(workers, "workers", null, WORKER_KEYS);
      Node regions = w == null ? null : w.get("regions");
      if (w != null && regions == null) r.problem(workers, null, "workers needs 'regions', the regions the workers run in");
      if (regions != null && r.sequence(regions, "workers.regions", null) != null) {
        for (Node n : r.sequence(regions, "workers.regions", null)) {
          String region = region(n, "a worker region", null);
          if (region != null) {
            workerRegions.add(region);
            workerNodes.put(region, n);
          }
        }
        if (workerRegions.isEmpty()) r.problem(regions, null, "workers.regions must name at least one region");
      }
    }

    List<Stamp> stamps = new ArrayList<>();
    Node stampsNode = top.get("stamps");
    if (stampsNode == null) {
      r.problem(root, null, "the inventory needs 'stamps', the list of stamps it protects");
    } else {
      List<Node> items = r.sequence(stampsNode, "stamps", null);
      if (items != null) {
        Set<String> seen = new HashSet<>();
        for (Node item : items) {
          Stamp s = stamp(item, groups);
          if (s == null) continue;
          if (s.name() != null && !seen.add(s.name())) {
            r.problem(item, null, "stamp '" + s.name() + "' is defined twice");
            continue;
          }
          stamps.add(s);
          Node w = workerNodes.get(s.primaryRegion());
          if (w != null) {
            r.problem(w, null, "workers run in " + s.primaryRegion() + ", the primary region of stamp '" + s.name()
                + "': a failover away from it would lose its orchestrator (DESIGN rule 10); run them in the"
                + " secondary region (" + s.secondaryRegion() + ") or a third region");
          }
        }
        if (items.isEmpty()) r.problem(stampsNode, null, "stamps must list at least one stamp");
      }
    }
    return new Inventory(name, List.copyOf(workerRegions), groups, List.copyOf(stamps));
  }

  private Map<String, List<String>> groups(Node node) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    if (node == null) return Collections.unmodifiableMap(groups);
    Map<String, Node> m = r.freeMapping(node, "groups", null);
    if (m == null) return Collections.unmodifiableMap(groups);
    m.forEach((group, membersNode) -> {
      if (!NAME.matcher(group).matches()) {
        r.problem(membersNode, null, "group name '" + group + "' must be letters, digits, '.', '_' or '-'");
      }
      List<String> members = r.strings(membersNode, "group " + group, null);
      if (members == null) return;
      List<String> identities = new ArrayList<>();
      for (String member : members) {
        if (Approvers.isGroup(member)) {
          r.problem(membersNode, null, "group " + group + " lists '" + member + "': groups hold identities, not other groups");
        } else if (Approvers.identity(member).isEmpty() || Approvers.identity(member).chars().anyMatch(Character::isWhitespace)) {
          r.problem(membersNode, null, "group " + group + " lists '" + member + "', which is not an identity such as alice@contoso.com");
        } else {
          identities.add(Approvers.identity(member));
        }
      }
      if (members.isEmpty()) r.problem(membersNode, null, "group " + group + " has no members");
      groups.put(group, List.copyOf(identities));
    });
    return Collections.unmodifiableMap(groups);
  }

  private Stamp stamp(Node node, Map<String, List<String>> groups) {
    Map<String, Node> m = r.mapping(node, "a stamp", null, STAMP_KEYS);
    if (m == null) return null;
    String name = r.required(m, "name", node, "a stamp", null);
    if (name != null && !NAME.matcher(name).matches()) {
      r.problem(m.get("name"), null, "stamp name '" + name + "' must be letters, digits, '.', '_' or '-'");
    }
    String what = "stamp " + (name == null ? "?" : name);
    String primary = m.containsKey("primaryRegion") ? region(m.get("primaryRegion"), what + " primaryRegion", null) : null;
    String secondary = m.containsKey("secondaryRegion") ? region(m.get("secondaryRegion"), what + " secondaryRegion", null) : null;
    if (!m.containsKey("primaryRegion")) r.problem(node, null, what + " needs 'primaryRegion', the region it normally runs in");
    if (!m.containsKey("secondaryRegion")) r.problem(node, null, what + " needs 'secondaryRegion', the region it fails over to");
    if (primary != null && primary.equals(secondary)) {
      r.problem(m.get("secondaryRegion"), null, what + ": secondaryRegion must differ from primaryRegion (both are " + primary + ")");
    }

    Targets targets = Targets.DEFAULT;
    if (m.containsKey("targets")) {
      Map<String, Node> t = r.mapping(m.get("targets"), what + " targets", null, TARGET_KEYS);
      if (t != null) {
        Integer rto = t.containsKey("rtoMinutes") ? r.integer(t.get("rtoMinutes"), "rtoMinutes", null, 1) : null;
        Integer rpo = t.containsKey("rpoMinutes") ? r.integer(t.get("rpoMinutes"), "rpoMinutes", null, 0) : null;
        targets = new Targets(rto == null ? Targets.DEFAULT.rtoMinutes() : rto, rpo == null ? Targets.DEFAULT.rpoMinutes() : rpo);
      }
    }

    List<String> approvers = List.of();
    if (m.containsKey("approvers")) approvers = approvers(m.get("approvers"), what + " approvers", groups, null);

    SeverityPolicy severityPolicy = SeverityPolicy.DEFAULT;
    if (m.containsKey("severityPolicy")) severityPolicy = severityPolicy(m.get("severityPolicy"), what);

    ApprovalPolicy approval = ApprovalPolicy.DEFAULT;
    if (m.containsKey("approval")) approval = approvalPolicy(m.get("approval"), what, groups);

    Duration cooldown = DEFAULT_COOLDOWN;
    if (m.containsKey("cooldown")) {
      String text = r.string(m.get("cooldown"), what + " cooldown", null);
      Duration d = Durations.parse(text);
      if (text != null && (d == null || d.isNegative())) {
        r.problem(m.get("cooldown"), null, what + " cooldown '" + text + "' is not " + Durations.ALLOWED);
      } else if (d != null) {
        cooldown = d;
      }
    }

    Map<String, Resource> resources = new LinkedHashMap<>();
    if (!m.containsKey("resources")) {
      r.problem(node, null, what + " needs 'resources', the Azure resources its runbooks act on, by logical name");
    } else {
      Map<String, Node> rs = r.freeMapping(m.get("resources"), what + " resources", null);
      if (rs != null) {
        rs.forEach((logical, rn) -> {
          Resource res = resource(logical, rn, what, primary, secondary);
          if (res != null) resources.put(logical, res);
        });
      }
    }
    Detection detection = detection(m.get("detection"), what, resources);
    return new Stamp(name, primary, secondary, targets, approvers, severityPolicy, approval, cooldown,
        Collections.unmodifiableMap(resources), detection);
  }

  /**
   * The stamp's probe-loop settings. Without a block, the defaults apply and nothing is checked:
   * the loop is optional, and {@code continuity detect start} names what is missing when asked.
   */
  private Detection detection(Node n, String what, Map<String, Resource> resources) {
    if (n == null) return Detection.DEFAULT;
    String dwhat = what + " detection";
    Map<String, Node> m = r.mapping(n, dwhat, null, DETECTION_KEYS);
    if (m == null) return Detection.DEFAULT;
    List<String> probes = resources.values().stream().filter(res -> ResourceKinds.HEALTH_PROBE.equals(res.kind()))
        .map(Resource::name).toList();
    String probe = null;
    if (m.containsKey("probe")) {
      probe = r.string(m.get("probe"), dwhat + ".probe", null);
      Resource res = probe == null ? null : resources.get(probe);
      if (probe != null && res == null) {
        String near = Names.near(probe, probes);
        r.problem(m.get("probe"), null, dwhat + ".probe '" + probe + "' is not a resource of the stamp"
            + (near == null ? "" : "; did you mean '" + near + "'?") + " (healthProbe resources: " + (probes.isEmpty() ? "none" : String.join(", ", probes)) + ")");
      } else if (res != null && res.kind() != null && !ResourceKinds.HEALTH_PROBE.equals(res.kind())) {
        r.problem(m.get("probe"), null, dwhat + ".probe '" + probe + "' is a " + res.kind() + ", not a healthProbe");
      }
    } else if (probes.isEmpty()) {
      r.problem(n, null, dwhat + " needs a resource of kind healthProbe (its endpoints and vantage points) and the stamp has none");
    } else if (probes.size() > 1) {
      r.problem(n, null, dwhat + " needs 'probe': the stamp has several healthProbe resources (" + String.join(", ", probes) + ")");
    }
    Duration interval = Detection.DEFAULT.interval();
    if (m.containsKey("interval")) {
      Duration d = r.duration(m.get("interval"), dwhat + ".interval", null);
      if (d != null && d.compareTo(MIN_DETECTION_INTERVAL) < 0) {
        r.problem(m.get("interval"), null, dwhat + ".interval must be at least 1s (every probe round is a recorded activity)");
      } else if (d != null) {
        interval = d;
      }
    }
    int failures = Detection.DEFAULT.consecutiveFailures();
    if (m.containsKey("consecutiveFailures")) {
      Integer k = r.integer(m.get("consecutiveFailures"), dwhat + ".consecutiveFailures", null, 1);
      if (k != null) failures = k;
    }
    Integer quorum = null;
    if (m.containsKey("quorum")) {
      quorum = r.integer(m.get("quorum"), dwhat + ".quorum", null, 1);
      Resource res = resources.get(probe != null ? probe : probes.size() == 1 ? probes.get(0) : "");
      Object vantages = res == null || res.properties() == null ? null : res.properties().get("vantagePoints");
      if (quorum != null && vantages instanceof List<?> list && quorum > list.size()) {
        r.problem(m.get("quorum"), null, dwhat + ".quorum is " + quorum + " but probe " + res.name() + " has only "
            + list.size() + " vantage points");
      }
    }
    Severity severity = Detection.DEFAULT.severity();
    if (m.containsKey("severity")) {
      String text = r.string(m.get("severity"), dwhat + ".severity", null);
      Severity s = Severity.parse(text);
      if (text != null && s == null) {
        r.problem(m.get("severity"), null, dwhat + ".severity: unknown severity '" + text + "' (allowed: "
            + Arrays.toString(Severity.values()).replaceAll("[\\[\\]]", "") + ")");
      } else if (s != null) {
        severity = s;
      }
    }
    return new Detection(probe, interval, failures, quorum, severity);
  }

  private String region(Node n, String what, String step) {
    String region = r.string(n, what, step);
    if (region != null && !REGION.matcher(region).matches()) {
      r.problem(n, step, what + " '" + region + "' is not an Azure region name such as eastus2 (lower case letters and digits)");
      return null;
    }
    return region;
  }

  /** Approver entries as written, each checked against the groups. */
  List<String> approvers(Node n, String what, Map<String, List<String>> groups, String step) {
    List<String> entries = r.strings(n, what, step);
    if (entries == null) return List.of();
    for (String e : entries) {
      String problem = Approvers.problem(e, groups);
      if (problem != null) r.problem(n, step, what + ": " + problem);
    }
    return List.copyOf(entries);
  }

  private SeverityPolicy severityPolicy(Node n, String what) {
    Map<String, Node> m = r.mapping(n, what + " severityPolicy", null, SEVERITY_KEYS);
    if (m == null) return SeverityPolicy.DEFAULT;
    List<Severity> automatic = m.containsKey("automatic") ? severities(m.get("automatic"), what + " severityPolicy.automatic")
        : SeverityPolicy.DEFAULT.automatic();
    List<Severity> approval = m.containsKey("approval") ? severities(m.get("approval"), what + " severityPolicy.approval")
        : SeverityPolicy.DEFAULT.approval();
    for (Severity s : automatic) {
      if (approval.contains(s)) {
        r.problem(n, null, what + " severityPolicy lists " + s + " both as automatic and as needing approval; name it in one list");
      }
    }
    return new SeverityPolicy(automatic, approval);
  }

  private List<Severity> severities(Node n, String what) {
    List<String> texts = r.strings(n, what, null);
    List<Severity> out = new ArrayList<>();
    if (texts == null) return out;
    for (String t : texts) {
      Severity s = Severity.parse(t);
      if (s == null) {
        r.problem(n, null, what + ": unknown severity '" + t + "' (allowed: " + Arrays.toString(Severity.values()).replaceAll("[\\[\\]]", "") + ")");
      } else if (!out.contains(s)) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  private ApprovalPolicy approvalPolicy(Node n, String what, Map<String, List<String>> groups) {
    Map<String, Node> m = r.mapping(n, what + " approval", null, APPROVAL_KEYS);
    if (m == null) return ApprovalPolicy.DEFAULT;
    Duration timeout = m.containsKey("timeout") ? r.duration(m.get("timeout"), what + " approval.timeout", null) : null;
    TimeoutOutcome onTimeout = m.containsKey("onTimeout") ? onTimeout(r, m.get("onTimeout"), what + " approval.onTimeout", null) : null;
    List<String> escalateTo = m.containsKey("escalateTo") ? approvers(m.get("escalateTo"), what + " approval.escalateTo", groups, null)
        : List.of();
    TimeoutOutcome outcome = onTimeout == null ? ApprovalPolicy.DEFAULT.onTimeout() : onTimeout;
    if (outcome == TimeoutOutcome.ESCALATE && escalateTo.isEmpty()) {
      r.problem(n, null, what + " approval.onTimeout is escalate but escalateTo names nobody; add escalateTo: [group:<name>]");
    }
    return new ApprovalPolicy(timeout == null ? ApprovalPolicy.DEFAULT.timeout() : timeout, outcome, escalateTo);
  }

  static TimeoutOutcome onTimeout(YamlReader r, Node n, String what, String step) {
    String text = r.string(n, what, step);
    if (text == null) return null;
    try {
      return TimeoutOutcome.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      r.problem(n, step, what + " '" + text + "' is not allowed (allowed: " + ON_TIMEOUT_ALLOWED + ")");
      return null;
    }
  }

  private Resource resource(String logical, Node n, String what, String primary, String secondary) {
    String rwhat = what + " resource " + logical;
    Map<String, Node> m = r.mapping(n, rwhat, null, RESOURCE_KEYS);
    if (m == null) return null;
    if (!NAME.matcher(logical).matches()) {
      r.problem(n, null, rwhat + ": logical names must be letters, digits, '.', '_' or '-'");
    }
    String kind = r.required(m, "kind", n, rwhat, null);
    if (kind != null && !ResourceKinds.ALL.contains(kind)) {
      String near = Names.near(kind, ResourceKinds.ALL);
      r.problem(m.get("kind"), null, rwhat + ": unknown kind '" + kind + "'" + (near == null ? "" : "; did you mean '" + near + "'?")
          + " (kinds: " + String.join(", ", ResourceKinds.ALL) + ")");
      kind = null;
    }
    String id = null;
    if (m.containsKey("id")) {
      id = r.string(m.get("id"), rwhat + " id", null);
      if (id != null) {
        String problem = ArmIds.problem(id, kind);
        if (problem != null) r.problem(m.get("id"), null, rwhat + ": " + problem);
      }
    } else if (kind != null && !ResourceKinds.HEALTH_PROBE.equals(kind)) {
      r.problem(n, null, rwhat + " needs 'id', its Azure resource ID");
    }
    String region = m.containsKey("region") ? region(m.get("region"), rwhat + " region", null) : null;
    Map<String, Object> properties = Map.of();
    Map<String, Node> propertyNodes = null;
    if (m.containsKey("properties")) {
      propertyNodes = r.freeMapping(m.get("properties"), rwhat + " properties", null);
      if (propertyNodes != null) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) YamlReader.plain(m.get("properties"));
        properties = Collections.unmodifiableMap(p);
      }
    }
    if (ResourceKinds.HEALTH_PROBE.equals(kind)) healthProbe(m.get("properties"), propertyNodes, n, rwhat, primary, secondary);
    return new Resource(logical, kind, id, region, properties);
  }

  /** A probe without endpoints for both regions of its stamp could never confirm an outage or a recovery. */
  private void healthProbe(Node props, Map<String, Node> p, Node n, String what, String primary, String secondary) {
    Node endpointsNode = p == null ? null : p.get("endpoints");
    if (endpointsNode == null) {
      r.problem(props == null ? n : props, null, what + " needs properties.endpoints: a map of region to health URL");
      return;
    }
    Map<String, Node> endpoints = r.freeMapping(endpointsNode, what + " properties.endpoints", null);
    if (endpoints == null) return;
    endpoints.forEach((region, urlNode) -> {
      String url = r.string(urlNode, what + " endpoint " + region, null);
      if (url != null && !url.matches("https?://[^\\s/]+.*")) {
        r.problem(urlNode, null, what + " endpoint " + region + ": '" + url + "' is not an http:// or https:// URL");
      }
    });
    for (String region : new String[] {primary, secondary}) {
      if (region != null && !endpoints.containsKey(region)) {
        r.problem(endpointsNode, null, what + " properties.endpoints has no URL for " + region + " (a region of the stamp)");
      }
    }
    Node vp = p.get("vantagePoints");
    if (vp != null) r.strings(vp, what + " properties.vantagePoints", null);
  }
}
