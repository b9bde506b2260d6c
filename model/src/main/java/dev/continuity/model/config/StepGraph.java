package dev.continuity.model.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The dependsOn graph of a set of steps: cycles, a stable topological order, depth levels and the
 * critical path. Steps keep the order they were given in wherever the graph leaves a choice, so
 * the same runbook always compiles to the same plan.
 */
final class StepGraph {
  private final List<String> ids;
  private final Map<String, List<String>> deps;
  private final Map<String, Integer> index = new HashMap<>();

  /** @param deps each id's dependencies; dependencies outside {@code ids} are ignored */
  StepGraph(List<String> ids, Map<String, List<String>> deps) {
    this.ids = List.copyOf(ids);
    this.deps = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) index.put(ids.get(i), i);
    for (String id : ids) {
      List<String> d = new ArrayList<>();
      for (String dep : deps.getOrDefault(id, List.of())) if (index.containsKey(dep) && !d.contains(dep)) d.add(dep);
      this.deps.put(id, d);
    }
  }

  /** Each cycle once, as a path that returns to its first step: [a, b, a]. */
  List<List<String>> cycles() {
    List<List<String>> out = new ArrayList<>();
    Set<Set<String>> seen = new HashSet<>();
    Map<String, Integer> state = new HashMap<>(); // 1 on the stack, 2 done
    for (String id : ids) if (!state.containsKey(id)) visit(id, new ArrayList<>(), state, out, seen);
    return out;
  }

  private void visit(String id, List<String> stack, Map<String, Integer> state, List<List<String>> out, Set<Set<String>> seen) {
    state.put(id, 1);
    stack.add(id);
    for (String dep : deps.get(id)) {
      Integer s = state.get(dep);
      if (s == null) {
        visit(dep, stack, state, out, seen);
      } else if (s == 1) {
        List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(dep), stack.size()));
        if (seen.add(new HashSet<>(cycle))) {
          // Written in the direction of dependsOn: "a -> b" means a depends on b.
          cycle.add(dep);
          out.add(cycle);
        }
      }
    }
    stack.remove(stack.size() - 1);
    state.put(id, 2);
  }

  /** Dependencies first; among steps that are ready together, the one given first. Requires no cycles. */
  List<String> order() {
    Map<String, Integer> waiting = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (String id : ids) {
      waiting.put(id, deps.get(id).size());
      for (String dep : deps.get(id)) dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(id);
    }
    PriorityQueue<String> ready = new PriorityQueue<>((a, b) -> Integer.compare(index.get(a), index.get(b)));
    for (String id : ids) if (waiting.get(id) == 0) ready.add(id);
    List<String> out = new ArrayList<>();
    while (!ready.isEmpty()) {
      String id = ready.poll();
      out.add(id);
      for (String d : dependents.getOrDefault(id, List.of())) if (waiting.merge(d, -1, Integer::sum) == 0) ready.add(d);
    }
    if (out.size() != ids.size()) throw new IllegalStateException("the steps have a dependsOn cycle");
    return out;
  }

  /** Steps by depth: level 0 depends on nothing, level n on at least one step of level n-1. */
  List<List<String>> levels() {
    Map<String, Integer> depth = new HashMap<>();
    List<List<String>> levels = new ArrayList<>();
    for (String id : order()) {
      int d = 0;
      for (String dep : deps.get(id)) d = Math.max(d, depth.get(dep) + 1);
      depth.put(id, d);
      while (levels.size() <= d) levels.add(new ArrayList<>());
      levels.get(d).add(id);
    }
    List<List<String>> out = new ArrayList<>();
    for (List<String> l : levels) out.add(List.copyOf(l));
    return List.copyOf(out);
  }

  /** The chain with the longest total expected duration, first step first; the earliest chain on ties. */
  List<String> criticalPath(Map<String, Duration> expected) {
    Map<String, Duration> finish = new HashMap<>();
    Map<String, String> via = new HashMap<>();
    String last = null;
    for (String id : order()) {
      Duration start = Duration.ZERO;
      String from = null;
      for (String dep : deps.get(id)) {
        if (from == null || finish.get(dep).compareTo(start) > 0) {
          start = finish.get(dep);
          from = dep;
        }
      }
      finish.put(id, start.plus(expected.getOrDefault(id, Duration.ZERO)));
      if (from != null) via.put(id, from);
      if (last == null || finish.get(id).compareTo(finish.get(last)) > 0) last = id;
    }
    List<String> path = new ArrayList<>();
    for (String id = last; id != null; id = via.get(id)) path.add(id);
    Collections.reverse(path);
    return List.copyOf(path);
  }

  /** Steps no other step depends on. */
  List<String> sinks() {
    Set<String> depended = new HashSet<>();
    deps.values().forEach(depended::addAll);
    return ids.stream().filter(id -> !depended.contains(id)).toList();
  }
}
