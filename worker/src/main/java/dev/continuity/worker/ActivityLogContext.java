package dev.continuity.worker;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.report.ReportInput;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts what an action is doing into the logging context (SLF4J MDC) while it runs, so every log
 * line of an action names its stamp, operation, step and activity type: {@value #STAMP},
 * {@value #OPERATION}, {@value #STEP}, {@value #ACTIVITY_TYPE}. Only identifiers, never
 * parameters: those could carry what does not belong in a log.
 */
public final class ActivityLogContext extends WorkerInterceptorBase {
  public static final String STAMP = "stamp";
  public static final String OPERATION = "operationId";
  public static final String STEP = "step";
  public static final String ACTIVITY_TYPE = "activityType";

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String activityType;

      @Override
      public void init(ActivityExecutionContext context) {
        activityType = context.getInfo().getActivityType();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(ACTIVITY_TYPE, activityType);
        for (Object argument : input.getArguments()) {
          if (argument instanceof ActionRequest r) {
            keys.put(STAMP, r.stamp());
            keys.put(OPERATION, r.operationId());
            keys.put(STEP, r.stepId());
          } else if (argument instanceof ReportInput r && r.timeline() != null) {
            keys.put(STAMP, r.timeline().stamp);
            keys.put(OPERATION, r.timeline().operationId);
          }
        }
        Map<String, String> before = MDC.getCopyOfContextMap();
        keys.forEach((k, v) -> { if (v != null) MDC.put(k, v); });
        try {
          return super.execute(input);
        } finally {
          // Activity threads are pooled: the next attempt must not inherit this one's keys.
          if (before == null) MDC.clear();
          else MDC.setContextMap(before);
        }
      }
    };
  }
}
