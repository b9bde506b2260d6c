package dev.continuity.model.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML file through SnakeYAML's node API, so that every value keeps its line and every
 * problem can point at it. Reading never throws: what cannot be read becomes a {@link Problem}.
 */
final class YamlReader {
  final String file;
  private final List<Problem> problems;

  YamlReader(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /** The document's root node, or null (with a problem) when the file cannot be read or parsed. */
  Node compose(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(new Problem(file, 0, null, "cannot read the file: " + e.getMessage()));
      return null;
    }
    try (Reader reader = new java.io.StringReader(text)) {
      Node root = new Yaml(new LoaderOptions()).compose(reader);
      if (root == null) problems.add(new Problem(file, 1, null, "the file is empty"));
      return root;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String what = e.getProblem() != null ? e.getProblem() : "invalid YAML";
      String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
      problems.add(new Problem(file, mark == null ? 0 : mark.getLine() + 1, null, "YAML syntax error: " + what + context));
      return null;
    } catch (YAMLException | IOException e) {
      problems.add(new Problem(file, 0, null, "YAML syntax error: " + e.getMessage()));
      return null;
    }
  }

  static int line(Node node) {
    return node == null ? 0 : node.getStartMark().getLine() + 1;
  }

  void problem(Node at, String step, String message) {
    problems.add(new Problem(file, line(at), step, message));
  }

  static boolean isNull(Node node) {
    return node == null || (node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()));
  }

  /**
   * The keys of a mapping with their value nodes, in file order. Reports a node that is not a
   * mapping, duplicate keys and keys outside {@code allowed} (naming the allowed ones). Returns
   * null when {@code node} is not a mapping.
   */
  Map<String, Node> mapping(Node node, String what, String step, Collection<String> allowed) {
    if (!(node instanceof MappingNode m)) {
      problem(node, step, what + " must be a mapping of " + String.join(", ", allowed));
      return null;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        problem(t.getKeyNode(), step, "keys of " + what + " must be plain names");
        continue;
      }
      String key = k.getValue();
      if (allowed != null && !allowed.contains(key)) {
        String near = Names.near(key, allowed);
        problem(k, step, "unknown key '" + key + "' in " + what + (near == null ? "" : "; did you mean '" + near + "'?")
            + " (allowed: " + String.join(", ", allowed) + ")");
        continue;
      }
      if (out.containsKey(key)) {
        problem(k, step, "key '" + key + "' appears twice in " + what);
        continue;
      }
      out.put(key, t.getValueNode());
    }
    return out;
  }

  /** A mapping whose keys are free names (resources, groups, endpoints). */
  Map<String, Node> freeMapping(Node node, String what, String step) {
    return mapping(node, what, step, null);
  }

  /** A scalar as text; null with a problem when it is missing or not a scalar. */
  String string(Node node, String what, String step) {
    if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) return s.getValue();
    problem(node, step, what + " must be a single value" + (isNull(node) ? " (it is empty)" : ", not a list or mapping"));
    return null;
  }

  String required(Map<String, Node> map, String key, Node parent, String what, String step) {
    if (map == null) return null;
    Node v = map.get(key);
    if (v == null) {
      problem(parent, step, what + " needs '" + key + "'");
      return null;
    }
    return string(v, what + "." + key, step);
  }

  /** A list of scalars; a single scalar is taken as a list of one. */
  List<String> strings(Node node, String what, String step) {
    List<String> out = new ArrayList<>();
    if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
      out.add(s.getValue());
      return out;
    }
    if (!(node instanceof SequenceNode seq)) {
      problem(node, step, what + " must be a list");
      return null;
    }
    for (Node item : seq.getValue()) {
      String v = string(item, "each item of " + what, step);
      if (v != null) out.add(v);
    }
    return out;
  }

  List<Node> sequence(Node node, String what, String step) {
    if (node instanceof SequenceNode seq) return seq.getValue();
    problem(node, step, what + " must be a list");
    return null;
  }

  Duration duration(Node node, String what, String step) {
    String text = string(node, what, step);
    if (text == null) return null;
    Duration d = Durations.parse(text);
    if (d == null || d.isNegative() || d.isZero()) {
      problem(node, step, what + " '" + text + "' is not " + Durations.ALLOWED);
      return null;
    }
    return d;
  }

  Integer integer(Node node, String what, String step, int min) {
    String text = string(node, what, step);
    if (text == null) return null;
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= min) return v;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problem(node, step, what + " '" + text + "' must be a whole number of at least " + min);
    return null;
  }

  Double number(Node node, String what, String step, double min) {
    String text = string(node, what, step);
    if (text == null) return null;
    try {
      double v = Double.parseDouble(text.trim());
      if (v >= min && Double.isFinite(v)) return v;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problem(node, step, what + " '" + text + "' must be a number of at least " + min);
    return null;
  }

  /** Plain Java value of a node (String, Integer, Long, Double, Boolean, List, Map, null) for parameters and properties. */
  static Object plain(Node node) {
    if (node == null) return null;
    if (node instanceof ScalarNode s) {
      Tag tag = s.getTag();
      String v = s.getValue();
      try {
        if (Tag.NULL.equals(tag)) return null;
        if (Tag.BOOL.equals(tag)) return Boolean.valueOf(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on"));
        if (Tag.INT.equals(tag)) {
          long l = Long.decode(v.replace("_", ""));
          return l == (int) l ? (Object) (int) l : (Object) l;
        }
        if (Tag.FLOAT.equals(tag)) return Double.valueOf(v.replace("_", ""));
      } catch (NumberFormatException e) {
        return v;
      }
      return v;
    }
    if (node instanceof SequenceNode seq) {
      List<Object> out = new ArrayList<>();
      for (Node item : seq.getValue()) out.add(plain(item));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      Object k = plain(t.getKeyNode());
      out.put(String.valueOf(k), plain(t.getValueNode()));
    }
    return out;
  }
}
