package dev.continuity.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The emulated estate and the services around it (journal, region health, operations, persistence).
 * Every request and every operation completion runs while holding this object's monitor, so a
 * mutation is applied, journaled and persisted as one step.
 */
final class Estate {
  final Clock clock;
  final Journal journal;
  final RegionHealth regions;
  final ReplicationLag replication;
  final FaultInjector faults;
  final StateFile stateFile;
  LongRunningOperations operations;
  private EmulatorState state;

  Estate(EmulatorState state, Clock clock, StateFile stateFile) {
    this.clock = clock;
    this.stateFile = stateFile;
    this.journal = new Journal(this);
    this.regions = new RegionHealth(this);
    this.replication = new ReplicationLag(this);
    this.faults = new FaultInjector(this);
    replaceState(state);
  }

  EmulatorState state() {
    return state;
  }

  synchronized void replaceState(EmulatorState newState) {
    this.state = newState;
    faults.reload();
  }

  Instant now() {
    return clock.instant();
  }

  ObjectNode find(String id) {
    return state.resources.get(ResourcePath.key(id));
  }

  ObjectNode get(String id) {
    ObjectNode doc = find(id);
    if (doc == null) throw ArmException.notFound(id);
    return doc;
  }

  void put(ObjectNode doc) {
    state.resources.put(ResourcePath.key(doc.path("id").asText()), doc);
  }

  void remove(String id) {
    state.resources.remove(ResourcePath.key(id));
  }

  /** Child resources directly under {@code parentId} of the given child type (e.g. "linkedServers"). */
  List<ObjectNode> children(String parentId, String childType) {
    String prefix = ResourcePath.key(parentId) + "/" + childType.toLowerCase() + "/";
    List<ObjectNode> out = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : state.resources.entrySet()) {
      String rest = e.getKey().startsWith(prefix) ? e.getKey().substring(prefix.length()) : null;
      if (rest != null && !rest.contains("/")) out.add(e.getValue());
    }
    return out;
  }

  ResourceFacts facts(String id) {
    return state.facts.get(ResourcePath.key(id));
  }

  void setFacts(String id, ResourceFacts f) {
    state.facts.put(ResourcePath.key(id), f);
  }

  /** Fails like ARM when the region a resource lives in is down. */
  void requireRegionUp(String region, String id) {
    if (region != null && regions.isDown(region)) throw ArmException.regionUnavailable(Regions.normalize(region), id);
  }

  /** Writes the state file (when one is configured) after a change. */
  void persist() {
    if (stateFile != null) stateFile.save(state);
  }
}
