package dev.continuity.images;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a kustomize overlay the way `kubectl kustomize` does, for the subset deploy/ uses (resources,
 * namespace, strategic-merge patches keyed by kind and name, labels, images), so the test checks what
 * would be applied. Any other kustomization field fails the rendering instead of being ignored.
 */
final class KustomizeRender {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "patches", "labels", "images");
  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

  private KustomizeRender() {}

  static List<Map<String, Object>> render(Path dir) throws IOException {
    Map<String, Object> k = map(YAML.readValue(dir.resolve("kustomization.yaml").toFile(), new TypeReference<Map<String, Object>>() {}));
    for (String key : k.keySet()) {
      if (!SUPPORTED.contains(key)) throw new IllegalArgumentException(dir + ": kustomization field '" + key + "' is not rendered by this test");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object r : list(k.get("resources"))) {
      Path p = dir.resolve((String) r).normalize();
      if (Files.isDirectory(p)) out.addAll(render(p));
      else out.addAll(documents(p));
    }
    for (Object p : list(k.get("patches"))) {
      Map<String, Object> patch = map(p);
      if (!Set.of("path").containsAll(patch.keySet())) throw new IllegalArgumentException(dir + ": only patches with a path are rendered");
      for (Map<String, Object> doc : documents(dir.resolve((String) patch.get("path")))) {
        Map<String, Object> target = out.stream().filter(o -> sameObject(o, doc)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(dir + ": a patch matches no resource: " + doc.get("kind") + " " + name(doc)));
        merge(target, doc);
      }
    }
    if (k.get("namespace") != null) {
      for (Map<String, Object> o : out) {
        if (!CLUSTER_SCOPED.contains(o.get("kind"))) metadata(o).put("namespace", k.get("namespace"));
      }
    }
    for (Object l : list(k.get("labels"))) {
      Map<String, Object> labels = map(l);
      if (Boolean.TRUE.equals(labels.get("includeSelectors"))) throw new IllegalArgumentException("labels with includeSelectors are not rendered");
      Map<String, Object> pairs = map(labels.get("pairs"));
      for (Map<String, Object> o : out) {
        labelsOf(metadata(o)).putAll(pairs);
        Map<String, Object> template = template(o);
        if (template != null && Boolean.TRUE.equals(labels.get("includeTemplates"))) labelsOf(metadata(template)).putAll(pairs);
      }
    }
    for (Object i : list(k.get("images"))) {
      Map<String, Object> image = map(i);
      for (Map<String, Object> o : out) {
        Map<String, Object> template = template(o);
        if (template == null) continue;
        for (Object c : list(map(template.get("spec")).get("containers"))) {
          Map<String, Object> container = map(c);
          String ref = (String) container.get("image");
          String repository = ref.contains(":") ? ref.substring(0, ref.lastIndexOf(':')) : ref;
          String tag = ref.contains(":") ? ref.substring(ref.lastIndexOf(':') + 1) : "latest";
          if (!repository.equals(image.get("name"))) continue;
          container.put("image", Objects.toString(image.getOrDefault("newName", repository)) + ":" + image.getOrDefault("newTag", tag));
        }
      }
    }
    return out;
  }

  static List<Map<String, Object>> documents(Path file) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (MappingIterator<Map<String, Object>> it = YAML.readerFor(new TypeReference<Map<String, Object>>() {}).readValues(file.toFile())) {
      while (it.hasNext()) {
        Map<String, Object> doc = it.next();
        if (doc != null && !doc.isEmpty()) docs.add(doc);
      }
    }
    return docs;
  }

  /** Strategic merge as kustomize does it for these objects: maps merge, lists of named items merge by name, the rest is replaced. */
  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> target, Map<String, Object> patch) {
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      Object current = target.get(e.getKey());
      Object value = e.getValue();
      if (current instanceof Map && value instanceof Map) {
        merge((Map<String, Object>) current, (Map<String, Object>) value);
      } else if (current instanceof List && value instanceof List && named((List<Object>) current) && named((List<Object>) value)) {
        List<Object> items = (List<Object>) current;
        for (Object v : (List<Object>) value) {
          Map<String, Object> item = (Map<String, Object>) v;
          Map<String, Object> existing = items.stream().map(x -> (Map<String, Object>) x)
              .filter(x -> x.get("name").equals(item.get("name"))).findFirst().orElse(null);
          if (existing != null) merge(existing, item);
          else items.add(new LinkedHashMap<>(item));
        }
      } else {
        target.put(e.getKey(), value);
      }
    }
  }

  private static boolean named(List<Object> items) {
    return items.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") instanceof String);
  }

  private static boolean sameObject(Map<String, Object> a, Map<String, Object> b) {
    return Objects.equals(a.get("kind"), b.get("kind")) && Objects.equals(name(a), name(b));
  }

  private static Object name(Map<String, Object> o) {
    return metadata(o).get("name");
  }

  private static Map<String, Object> template(Map<String, Object> o) {
    Object spec = o.get("spec");
    if (!(spec instanceof Map<?, ?> s) || !(s.get("template") instanceof Map<?, ?>)) return null;
    return map(s.get("template"));
  }

  private static Map<String, Object> metadata(Map<String, Object> o) {
    return map(o.computeIfAbsent("metadata", x -> new LinkedHashMap<String, Object>()));
  }

  private static Map<String, Object> labelsOf(Map<String, Object> metadata) {
    return map(metadata.computeIfAbsent("labels", x -> new LinkedHashMap<String, Object>()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o == null ? List.of() : (List<Object>) o;
  }
}
