package dev.continuity.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityExecutionContextBase;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats every activity that has a heartbeat timeout, from a background thread, while it runs.
 *
 * <p>Temporal notices a dead worker only at an attempt's heartbeat timeout or, without one, at its
 * start-to-close timeout. A short step (a Traffic Manager priority, a DNS record) has a start-to-close
 * timeout of minutes, because Azure is sometimes slow, and it makes one blocking SDK call that cannot
 * heartbeat. So the workflows give every activity a heartbeat timeout of seconds, and this keeps a
 * healthy worker's attempts alive: a worker killed mid-step is replaced within that timeout, not
 * after the step's minutes (the report's too).
 *
 * <p>Long-running actions heartbeat a checkpoint of their Azure operation themselves, which a retried
 * attempt resumes from. A background beat must never overwrite that: it re-sends the details the
 * activity last sent, and, while the activity has sent none yet, beats only if the previous attempt
 * left no details either.
 */
public final class ActivityLiveness extends WorkerInterceptorBase {
  private static final ScheduledExecutorService BEATS = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "activity-liveness");
    t.setDaemon(true);
    return t;
  });

  /** How often, as a fraction of the heartbeat timeout (the SDK sends at most one per 0.8 of it). */
  static Duration period(Duration heartbeatTimeout) {
    return heartbeatTimeout.dividedBy(3);
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private RememberedHeartbeats context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = new RememberedHeartbeats(context);
        super.init(this.context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        Duration timeout = context.getInfo().getHeartbeatTimeout();
        if (timeout == null || timeout.isZero() || timeout.isNegative() || context.isDoNotCompleteOnReturn()) {
          return super.execute(input);
        }
        long every = Math.max(50, period(timeout).toMillis());
        ScheduledFuture<?> beating = BEATS.scheduleAtFixedRate(context::beatAgain, every, every, TimeUnit.MILLISECONDS);
        try {
          return super.execute(input);
        } finally {
          beating.cancel(false);
        }
      }
    };
  }

  /** The activity's context, remembering what the activity itself heartbeats. */
  private static final class RememberedHeartbeats extends ActivityExecutionContextBase {
    private final boolean previousAttemptLeftDetails;
    private boolean sent;
    private Object last;
    private boolean over;

    RememberedHeartbeats(ActivityExecutionContext next) {
      super(next);
      previousAttemptLeftDetails = leftDetails(next);
    }

    /** Whether the previous attempt heartbeated something other than nothing (a null beat is no checkpoint). */
    private static boolean leftDetails(ActivityExecutionContext context) {
      if (context.getInfo().getHeartbeatDetails().isEmpty()) return false;
      try {
        return context.getHeartbeatDetails(Object.class).isPresent();
      } catch (RuntimeException unreadable) {
        return true; // something is there: leave it alone
      }
    }

    @Override
    public synchronized <V> void heartbeat(V details) throws ActivityCompletionException {
      sent = true;
      last = details;
      super.heartbeat(details);
    }

    /** The background beat: the activity's own last details again, or nothing when that could lose a checkpoint. */
    synchronized void beatAgain() {
      if (over || (!sent && previousAttemptLeftDetails)) return;
      try {
        super.heartbeat(last);
      } catch (ActivityCompletionException cancelledOrTimedOut) {
        // The server no longer wants this attempt; the activity learns it on its own next heartbeat.
        over = true;
      } catch (RuntimeException notNow) {
        // A beat that could not be sent (the worker stopping): the next one tries again.
      }
    }
  }
}
