package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/** Helpers for ARM JSON documents: templates shaped like Azure's examples, merges, names from IDs. */
final class Docs {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Docs() {}

  /** A fresh copy of a body template (templates/NAME.json, shaped like the ARM example of that resource). */
  static ObjectNode template(String name) {
    String res = "templates/" + name + ".json";
    try (InputStream in = Docs.class.getResourceAsStream(res)) {
      if (in == null) throw new IllegalStateException("missing emulator template " + res);
      return (ObjectNode) ArmRouter.WIRE.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deep-merges {@code patch} into {@code target} (JSON merge-patch, without null deletes). */
  static void merge(ObjectNode target, JsonNode patch) {
    if (patch == null || !patch.isObject()) return;
    Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = target.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue().isObject()) merge(o, e.getValue());
      else if (!e.getValue().isNull()) target.set(e.getKey(), e.getValue().deepCopy());
    }
  }

  static ObjectNode props(ObjectNode doc) {
    JsonNode p = doc.get("properties");
    if (p instanceof ObjectNode o) return o;
    return doc.putObject("properties");
  }

  /** The object field of {@code parent}, created when missing. */
  static ObjectNode obj(ObjectNode parent, String field) {
    JsonNode v = parent.get(field);
    return v instanceof ObjectNode o ? o : parent.putObject(field);
  }

  /** Last segment of a resource ID. */
  static String nameOf(String id) {
    String t = ResourcePath.trimSlashes(id);
    return t.substring(t.lastIndexOf('/') + 1);
  }

  /** The resource ID with its last type/name pair removed. */
  static String parentOf(String id) {
    String t = "/" + ResourcePath.trimSlashes(id);
    int a = t.lastIndexOf('/');
    int b = t.lastIndexOf('/', a - 1);
    return t.substring(0, b);
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
