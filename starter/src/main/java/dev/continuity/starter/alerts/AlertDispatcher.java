package dev.continuity.starter.alerts;

import dev.continuity.model.config.Estate;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.StampState;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.starter.LiveEstate;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationOrder;
import dev.continuity.starter.OperationStarter;
import dev.continuity.starter.StartOutcome;
import dev.continuity.starter.UpdateOutcome;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From alert to operation. A fired alert asks each stamp it matches for a failover with the
 * alert's severity (the failover's approval gates apply the stamp's severity policy); the stamp
 * joins it to a failover already running.
 *
 * <p>Storms cost the stamp one request, not one per alert: per stamp at most one request is in
 * flight, and every alert about that stamp that arrives meanwhile waits for that same answer
 * (coalescing) instead of queueing behind a lock for its own round trip; for a join window after
 * the answer, further alerts reuse it with no round trip at all. Alerts about different stamps,
 * also within one Event Grid batch, go to their stamps in parallel. The durability promise holds:
 * an alert is answered 200 only once a stamp has durably accepted (or refused) the failover it
 * asks for; if that request fails, every alert waiting on it fails with it, the batch gets a 503
 * and Event Grid delivers it again.
 *
 * <p>A resolved alert is recorded. If the stamp runs a failover, it is asked to reject its
 * waiting gate as the identity {@value #RESOLVED_IDENTITY}; the gate accepts that only where the
 * runbook or stamp lists that identity among its approvers (the policy that says "withdraw when
 * the alert resolves"). Otherwise the same request, sent as a signal, leaves the refused
 * withdrawal in the operation's timeline: the resolution is on the record either way.
 */
public final class AlertDispatcher implements AlertHandling {
  public static final String RESOLVED_IDENTITY = "alert:resolved";
  private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

  private final LiveEstate estate;
  private final OperationStarter starter;
  private final OperationControl control;
  private final WorkflowClient client;
  private final ReplayGuard replays;
  private final long joinWindowNanos;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final ExecutorService requests = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "alert-stamp-request");
    t.setDaemon(true);
    return t;
  });
  private volatile Matching matching;

  /** The matcher of one configuration version. */
  private record Matching(long generation, StampMatcher matcher) {}

  /** A stamp's request in flight, or its last answer, reused within the join window. */
  private static final class Lane {
    CompletableFuture<StartOutcome> inFlight;
    OperationTicket ticket;
    String refusal;
    long answeredAtNanos;
  }

  public AlertDispatcher(Estate estate, WorkflowClient client, Duration joinWindow, int replayCapacity) {
    this(LiveEstate.fixed(estate), client, joinWindow, replayCapacity);
  }

  /** With a configuration that is reloaded when its files change (see {@link LiveEstate}). */
  public AlertDispatcher(LiveEstate estate, WorkflowClient client, Duration joinWindow, int replayCapacity) {
    this.estate = estate;
    this.client = client;
    this.starter = new OperationStarter(client);
    this.control = new OperationControl(client);
    this.replays = new ReplayGuard(replayCapacity);
    this.joinWindowNanos = joinWindow.toNanos();
  }

  @Override
  public List<AlertDisposition> handle(AlertSignal signal) {
    return handleAll(List.of(signal));
  }

  @Override
  public List<AlertDisposition> handleAll(List<AlertSignal> signals) {
    LiveEstate.Version version = estate.current();
    StampMatcher matcher = matcher(version);
    List<CompletableFuture<AlertDisposition>> pending = new ArrayList<>();
    List<String> firstSeen = new ArrayList<>();
    try {
      for (AlertSignal signal : signals) {
        if (!replays.firstTime(signal.key())) {
          log.info("alert {} ({}) was already handled; ignoring the repeat", signal.alertId(), signal.condition());
          pending.add(CompletableFuture.completedFuture(new AlertDisposition(signal.alertId(), "replay", null, null, "already handled")));
          continue;
        }
        firstSeen.add(signal.key());
        List<Stamp> stamps = matcher.stamps(signal);
        if (stamps.isEmpty()) {
          log.info("alert {} ({} {}) matches no stamp; targets {}", signal.alertId(), signal.type(), signal.condition(), signal.targetIds());
          pending.add(CompletableFuture.completedFuture(new AlertDisposition(signal.alertId(), "unmatched", null, null, "no stamp has these resources")));
          continue;
        }
        for (Stamp stamp : stamps) {
          pending.add(switch (signal.condition()) {
            case FIRED -> fire(version, stamp, signal);
            case RESOLVED -> CompletableFuture.completedFuture(resolve(stamp, signal));
            case INFORMATIONAL -> {
              log.info("alert {} for stamp {} recorded: {}", signal.alertId(), stamp.name(), signal.description());
              yield CompletableFuture.completedFuture(new AlertDisposition(signal.alertId(), "informational", stamp.name(), null, signal.description()));
            }
          });
        }
      }
      CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).join();
      return pending.stream().map(CompletableFuture::join).toList();
    } catch (RuntimeException e) {
      // Not answered 200: the sender delivers these again, and they must not count as handled.
      firstSeen.forEach(replays::forget);
      throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private StampMatcher matcher(LiveEstate.Version version) {
    Matching m = matching;
    if (m == null || m.generation() != version.generation()) {
      m = new Matching(version.generation(), new StampMatcher(version.estate().inventory()));
      matching = m;
    }
    return m.matcher();
  }

  private CompletableFuture<AlertDisposition> fire(LiveEstate.Version version, Stamp stamp, AlertSignal signal) {
    Lane lane = lanes.computeIfAbsent(stamp.name(), n -> new Lane());
    CompletableFuture<StartOutcome> answer;
    boolean first;
    synchronized (lane) {
      boolean fresh = System.nanoTime() - lane.answeredAtNanos < joinWindowNanos;
      if (lane.inFlight == null && fresh && lane.ticket != null) {
        return CompletableFuture.completedFuture(
            new AlertDisposition(signal.alertId(), "joined", stamp.name(), lane.ticket.operationId(), "joined the failover started moments ago"));
      }
      if (lane.inFlight == null && fresh && lane.refusal != null) {
        return CompletableFuture.completedFuture(new AlertDisposition(signal.alertId(), "declined", stamp.name(), null, lane.refusal));
      }
      first = lane.inFlight == null;
      if (first) {
        Plan plan = version.failovers().get(stamp.name());
        if (plan == null) {
          String why = version.failoverProblems().getOrDefault(stamp.name(), "stamp " + stamp.name() + " has no failover runbook");
          return CompletableFuture.completedFuture(new AlertDisposition(signal.alertId(), "declined", stamp.name(), null, why));
        }
        String reason = signal.severity() + " " + signal.type() + ": " + signal.description();
        OperationOrder order = new OperationOrder(stamp.name(), Mode.FAILOVER, signal.severity(), false, reason,
            "alert:" + signal.alertId(), signal.alertId(), signal.firedAtMillis());
        lane.inFlight = CompletableFuture.supplyAsync(
            () -> starter.request(OperationStarter.settingsFor(stamp), OperationStarter.requestFor(plan, order)), requests);
        lane.inFlight.whenComplete((outcome, failure) -> remember(lane, outcome));
      }
      answer = lane.inFlight;
    }
    return answer.thenApply(outcome -> disposition(stamp, signal, outcome, first));
  }

  private void remember(Lane lane, StartOutcome outcome) {
    synchronized (lane) {
      lane.inFlight = null;
      if (outcome == null) return; // failed: the next alert asks again
      lane.answeredAtNanos = System.nanoTime();
      if (outcome instanceof StartOutcome.Accepted a) {
        lane.ticket = a.ticket();
        lane.refusal = null;
      } else {
        lane.ticket = null;
        lane.refusal = ((StartOutcome.Refused) outcome).reason();
      }
    }
  }

  /** What the stamp's answer means for this alert: the one that asked started (or joined) it, the ones that waited joined it. */
  private static AlertDisposition disposition(Stamp stamp, AlertSignal signal, StartOutcome outcome, boolean asked) {
    if (outcome instanceof StartOutcome.Accepted a) {
      String what = asked && !a.ticket().joined() ? "started" : "joined";
      if (asked) log.info("alert {} ({}) on stamp {}: {} {}", signal.alertId(), signal.severity(), stamp.name(), what, a.ticket().operationId());
      return new AlertDisposition(signal.alertId(), what, stamp.name(), a.ticket().operationId(), asked ? null : "joined the failover requested moments ago");
    }
    String reason = ((StartOutcome.Refused) outcome).reason();
    if (asked) log.info("alert {} on stamp {}: the stamp declined: {}", signal.alertId(), stamp.name(), reason);
    return new AlertDisposition(signal.alertId(), "declined", stamp.name(), null, reason);
  }

  private AlertDisposition resolve(Stamp stamp, AlertSignal signal) {
    Lane lane = lanes.computeIfAbsent(stamp.name(), n -> new Lane());
    synchronized (lane) {
      Optional<StampState> state = control.stampState(stamp.name());
      String op = state.map(StampState::currentOperation).orElse(null);
      if (op == null || !Mode.FAILOVER.text().equals(state.get().currentMode())) {
        log.info("alert {} resolved for stamp {}; no failover is running", signal.alertId(), stamp.name());
        return new AlertDisposition(signal.alertId(), "resolved", stamp.name(), null, "recorded; no failover running");
      }
      ApprovalRequest withdraw = new ApprovalRequest(null, false, RESOLVED_IDENTITY,
          "alert " + signal.alertId() + " resolved: " + signal.description());
      UpdateOutcome answer = control.approve(op, withdraw);
      if (answer.accepted()) {
        lane.ticket = null;
        lane.answeredAtNanos = 0;
        log.info("alert {} resolved: failover {} of stamp {} withdrawn", signal.alertId(), op, stamp.name());
        return new AlertDisposition(signal.alertId(), "withdrawn", stamp.name(), op, answer.message());
      }
      client.newUntypedWorkflowStub(op).signal("approval", withdraw);
      log.info("alert {} resolved; failover {} of stamp {} continues: {}", signal.alertId(), op, stamp.name(), answer.message());
      return new AlertDisposition(signal.alertId(), "resolved", stamp.name(), op, "recorded on the operation; not withdrawn: " + answer.message());
    }
  }
}
