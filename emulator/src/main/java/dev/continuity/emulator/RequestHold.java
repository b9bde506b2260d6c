package dev.continuity.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the next mutating ARM request whose resource path matches, before it is handled, until it
 * is released (or {@link #LIMIT} passes): a test can then lose the caller (kill its worker) while
 * the call is in flight and nothing of it is committed. One hold at a time; arming again replaces
 * the hold and lets go of a request the old one still held. Not part of the saved state: a hold
 * is a test's instrument of the moment.
 */
final class RequestHold {
  private static final Logger log = LoggerFactory.getLogger(RequestHold.class);
  static final Duration LIMIT = Duration.ofMinutes(2);
  static final Set<String> MUTATING = Set.of("PUT", "PATCH", "POST", "DELETE");

  private final long limitMillis;
  private String resourceContains;
  private String method;
  private boolean armed;
  private boolean arrived;
  private String heldRequest;
  /** Changes on every arm, release and expiry, so a waiting request knows its hold is over. */
  private long generation;
  /** The generation the held request waits in; holding while it is still the current one. */
  private long heldGeneration = -1;

  RequestHold() {
    this(LIMIT);
  }

  RequestHold(Duration limit) {
    this.limitMillis = limit.toMillis();
  }

  /**
   * @param resourceContains a substring of the resource path, compared case-insensitively
   * @param method one of PUT, PATCH, POST, DELETE; null: any of them
   */
  synchronized ObjectNode arm(String resourceContains, String method) {
    if (resourceContains == null || resourceContains.isBlank()) {
      throw ArmException.badRequest("MissingParameter", "resourceContains (a part of the resource path) is required.");
    }
    String m = method == null || method.isBlank() ? null : method.trim().toUpperCase(Locale.ROOT);
    if (m != null && !MUTATING.contains(m)) {
      throw ArmException.badRequest("InvalidParameter", "method must be one of PUT, PATCH, POST, DELETE (or absent: any), not '" + method + "'.");
    }
    this.resourceContains = resourceContains.toLowerCase(Locale.ROOT);
    this.method = m;
    armed = true;
    arrived = false;
    heldRequest = null;
    generation++;
    notifyAll();
    log.info("hold armed: next {} request on a resource containing '{}'", m == null ? "mutating" : m, resourceContains);
    return view();
  }

  /** Lets the held request go on (or disarms a hold nothing matched yet). */
  synchronized ObjectNode release() {
    boolean was = holding();
    armed = false;
    generation++;
    notifyAll();
    log.info("hold released{}", was ? ": " + heldRequest + " goes on" : " (no request was held)");
    return view().put("released", was);
  }

  synchronized ObjectNode view() {
    ObjectNode v = Docs.JSON.objectNode().put("armed", armed).put("arrived", arrived).put("holding", holding());
    if (resourceContains != null) v.put("resourceContains", resourceContains);
    if (method != null) v.put("method", method);
    if (heldRequest != null) v.put("request", heldRequest);
    return v;
  }

  private boolean holding() {
    return arrived && heldGeneration == generation;
  }

  /**
   * Waits while this request is the one held. Returns at once for a request the hold does not match.
   *
   * @throws InterruptedException when the emulator stops meanwhile
   */
  void awaitIfHeld(String requestMethod, String path) throws InterruptedException {
    synchronized (this) {
      String m = requestMethod.toUpperCase(Locale.ROOT);
      if (!armed || arrived || !MUTATING.contains(m) || (method != null && !method.equals(m))
          || !path.toLowerCase(Locale.ROOT).contains(resourceContains)) {
        return;
      }
      arrived = true;
      heldRequest = m + " " + path;
      long mine = generation;
      heldGeneration = mine;
      long deadline = System.currentTimeMillis() + limitMillis;
      log.info("hold: {} waits for release", heldRequest);
      for (long left = limitMillis; generation == mine && left > 0; left = deadline - System.currentTimeMillis()) {
        wait(left);
      }
      if (generation == mine) {
        log.warn("hold: {} goes on after the {} s limit", heldRequest, limitMillis / 1000);
        armed = false;
        generation++;
      }
    }
  }
}
