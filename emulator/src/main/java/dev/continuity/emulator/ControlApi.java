package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The emulator's own control endpoints under /_emulator/ (JSON in, JSON out): outage, restore,
 * degraded, partition, faults, lag, time-scale, hold, release, journal, state, reset. Not part of ARM; used by
 * the CLI ({@link EmulatorClient}) and tests.
 */
final class ControlApi {
  private final Estate estate;
  private final Supplier<EmulatorState> freshState;
  private final RequestHold hold;

  ControlApi(Estate estate, Supplier<EmulatorState> freshState, RequestHold hold) {
    this.estate = estate;
    this.freshState = freshState;
    this.hold = hold;
  }

  ArmResponse handle(String method, String path, Map<String, String> query, JsonNode body) {
    String what = ResourcePath.trimSlashes(path.substring("/_emulator".length()));
    boolean post = method.equalsIgnoreCase("POST") || method.equalsIgnoreCase("PUT");
    ObjectNode in = body instanceof ObjectNode o ? o : Docs.JSON.objectNode();
    ArmResponse r = switch (what) {
      case "outage" -> {
        requirePost(post, what);
        String region = region(in, query);
        boolean changed = estate.regions.outage(region);
        yield ArmResponse.ok(regionView(region).put("changed", changed));
      }
      case "restore" -> {
        requirePost(post, what);
        String region = region(in, query);
        boolean changed = estate.regions.restore(region);
        yield ArmResponse.ok(regionView(region).put("changed", changed));
      }
      case "degraded" -> {
        requirePost(post, what);
        String region = region(in, query);
        estate.regions.degrade(region, in.path("degraded").asBoolean(true));
        yield ArmResponse.ok(regionView(region));
      }
      case "partition" -> {
        requirePost(post, what);
        String vantage = Docs.text(in, "vantage");
        if (vantage == null) throw ArmException.badRequest("MissingParameter", "vantage is required.");
        estate.regions.partition(vantage, region(in, query), Docs.text(in, "view"));
        yield ArmResponse.ok(ArmRouter.WIRE.valueToTree(Map.of("partitions", estate.state().partitions)));
      }
      case "faults" -> {
        if (post) {
          if (!in.has("rate")) throw ArmException.badRequest("MissingParameter", "rate is required (0..1).");
          estate.faults.configure(in.path("rate").asDouble(), in.path("seed").asLong(estate.state().faults.seed));
        }
        yield ArmResponse.ok(ArmRouter.WIRE.valueToTree(estate.state().faults));
      }
      case "lag" -> {
        if (post) {
          if (!in.has("seconds") || in.path("seconds").asDouble(-1) < 0) {
            throw ArmException.badRequest("MissingParameter", "seconds (>= 0) is required.");
          }
          double s = in.path("seconds").asDouble();
          String id = Docs.text(in, "resourceId");
          if (id == null) {
            estate.state().defaultLagSeconds = s;
          } else {
            estate.get(id);
            ResourceFacts f = estate.facts(id);
            if (f == null) {
              f = new ResourceFacts();
              estate.setFacts(id, f);
            }
            f.lagSeconds = s;
          }
        }
        yield ArmResponse.ok(Docs.JSON.objectNode().put("defaultLagSeconds", estate.state().defaultLagSeconds));
      }
      case "time-scale" -> {
        if (post) {
          double s = in.path("timeScale").asDouble(-1);
          if (s < 0) throw ArmException.badRequest("MissingParameter", "timeScale (>= 0) is required.");
          estate.state().timeScale = s;
        }
        yield ArmResponse.ok(Docs.JSON.objectNode().put("timeScale", estate.state().timeScale));
      }
      case "hold" -> ArmResponse.ok(post ? hold.arm(Docs.text(in, "resourceContains"), Docs.text(in, "method")) : hold.view());
      case "release" -> {
        requirePost(post, what);
        yield ArmResponse.ok(hold.release());
      }
      case "journal" -> {
        long after = query.containsKey("after") ? Long.parseLong(query.get("after")) : 0;
        ObjectNode b = Docs.JSON.objectNode();
        b.set("entries", ArmRouter.WIRE.valueToTree(estate.journal.query(query.get("resource"), query.get("operation"), after)));
        yield ArmResponse.ok(b);
      }
      case "state" -> ArmResponse.ok(ArmRouter.WIRE.valueToTree(estate.state()));
      case "reset" -> {
        requirePost(post, what);
        EmulatorState fresh = freshState.get();
        if (fresh == null) {
          throw ArmException.conflict("NoInventory", "The emulator was started without an inventory; there is nothing to reset to.");
        }
        fresh.timeScale = estate.state().timeScale;
        estate.replaceState(fresh);
        yield ArmResponse.ok(Docs.JSON.objectNode().put("reset", true).put("resources", fresh.resources.size()));
      }
      case "", "health" -> ArmResponse.ok(Docs.JSON.objectNode().put("status", "ok")
          .put("resources", estate.state().resources.size()));
      default -> throw new ArmException(404, "NotFound", "Unknown emulator control endpoint '/_emulator/" + what + "'.");
    };
    if (post) estate.persist();
    return r;
  }

  private static void requirePost(boolean post, String what) {
    if (!post) throw new ArmException(405, "MethodNotAllowed", "/_emulator/" + what + " takes POST.");
  }

  private static String region(ObjectNode in, Map<String, String> query) {
    String r = Docs.text(in, "region");
    if (r == null) r = query.get("region");
    if (r == null || r.isBlank()) throw ArmException.badRequest("MissingParameter", "region is required.");
    return Regions.normalize(r);
  }

  private ObjectNode regionView(String region) {
    return Docs.JSON.objectNode().put("region", region).put("down", estate.regions.isDown(region))
        .put("degraded", estate.regions.isDegraded(region));
  }
}
