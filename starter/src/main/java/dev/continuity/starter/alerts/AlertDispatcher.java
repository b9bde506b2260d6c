package dev.continuity.starter.alerts;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.PlanCompiler;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.StampState;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
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
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From alert to operation. A fired alert asks each stamp it matches for a failover with the
 * alert's severity (the failover's approval gates apply the stamp's severity policy); the stamp
 * joins it to a failover already running. Alerts about one stamp are sent one at a time, and for
 * a short join window after the stamp answered, further alerts reuse that answer without a round
 * trip: an alert storm costs the stamp one request per window, not one per alert.
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

  private final Estate estate;
  private final StampMatcher matcher;
  private final OperationStarter starter;
  private final OperationControl control;
  private final WorkflowClient client;
  private final ReplayGuard replays;
  private final long joinWindowNanos;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final Map<String, Plan> plans = new ConcurrentHashMap<>();

  /** The last answer of a stamp, reused within the join window. */
  private static final class Lane {
    OperationTicket ticket;
    String refusal;
    long answeredAtNanos;
  }

  public AlertDispatcher(Estate estate, WorkflowClient client, Duration joinWindow, int replayCapacity) {
    this.estate = estate;
    this.matcher = new StampMatcher(estate.inventory());
    this.client = client;
    this.starter = new OperationStarter(client);
    this.control = new OperationControl(client);
    this.replays = new ReplayGuard(replayCapacity);
    this.joinWindowNanos = joinWindow.toNanos();
  }

  @Override
  public List<AlertDisposition> handle(AlertSignal signal) {
    if (!replays.firstTime(signal.key())) {
      log.info("alert {} ({}) was already handled; ignoring the repeat", signal.alertId(), signal.condition());
      return List.of(new AlertDisposition(signal.alertId(), "replay", null, null, "already handled"));
    }
    try {
      List<Stamp> stamps = matcher.stamps(signal);
      if (stamps.isEmpty()) {
        log.info("alert {} ({} {}) matches no stamp; targets {}", signal.alertId(), signal.type(), signal.condition(), signal.targetIds());
        return List.of(new AlertDisposition(signal.alertId(), "unmatched", null, null, "no stamp has these resources"));
      }
      List<AlertDisposition> out = new ArrayList<>();
      for (Stamp stamp : stamps) {
        out.add(switch (signal.condition()) {
          case FIRED -> fire(stamp, signal);
          case RESOLVED -> resolve(stamp, signal);
          case INFORMATIONAL -> {
            log.info("alert {} for stamp {} recorded: {}", signal.alertId(), stamp.name(), signal.description());
            yield new AlertDisposition(signal.alertId(), "informational", stamp.name(), null, signal.description());
          }
        });
      }
      return out;
    } catch (RuntimeException e) {
      replays.forget(signal.key());
      throw e;
    }
  }

  private AlertDisposition fire(Stamp stamp, AlertSignal signal) {
    Lane lane = lanes.computeIfAbsent(stamp.name(), n -> new Lane());
    synchronized (lane) {
      boolean fresh = System.nanoTime() - lane.answeredAtNanos < joinWindowNanos;
      if (fresh && lane.ticket != null) {
        return new AlertDisposition(signal.alertId(), "joined", stamp.name(), lane.ticket.operationId(), "joined the failover started moments ago");
      }
      if (fresh && lane.refusal != null) {
        return new AlertDisposition(signal.alertId(), "declined", stamp.name(), null, lane.refusal);
      }
      Plan plan;
      try {
        plan = plans.computeIfAbsent(stamp.name(), n -> compile(n));
      } catch (IllegalStateException e) {
        return new AlertDisposition(signal.alertId(), "declined", stamp.name(), null, e.getMessage());
      }
      String reason = signal.severity() + " " + signal.type() + ": " + signal.description();
      OperationOrder order = new OperationOrder(stamp.name(), Mode.FAILOVER, signal.severity(), false, reason,
          "alert:" + signal.alertId(), signal.alertId(), signal.firedAtMillis());
      StartOutcome outcome = starter.request(OperationStarter.settingsFor(stamp), OperationStarter.requestFor(plan, order));
      lane.answeredAtNanos = System.nanoTime();
      if (outcome instanceof StartOutcome.Accepted a) {
        lane.ticket = a.ticket();
        lane.refusal = null;
        String what = a.ticket().joined() ? "joined" : "started";
        log.info("alert {} ({}) on stamp {}: {} {}", signal.alertId(), signal.severity(), stamp.name(), what, a.ticket().operationId());
        return new AlertDisposition(signal.alertId(), what, stamp.name(), a.ticket().operationId(), null);
      }
      StartOutcome.Refused r = (StartOutcome.Refused) outcome;
      lane.ticket = null;
      lane.refusal = r.reason();
      log.info("alert {} on stamp {}: the stamp declined: {}", signal.alertId(), stamp.name(), r.reason());
      return new AlertDisposition(signal.alertId(), "declined", stamp.name(), null, r.reason());
    }
  }

  private Plan compile(String stamp) {
    try {
      return PlanCompiler.compile(estate, stamp, Mode.FAILOVER);
    } catch (EstateException e) {
      throw new IllegalStateException("the failover runbook of stamp " + stamp + " does not compile: " + e.getMessage());
    }
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
