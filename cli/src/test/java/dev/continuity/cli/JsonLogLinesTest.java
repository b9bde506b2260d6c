package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.Json;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.plan.ResourceRef;
import dev.continuity.worker.ActivityLogContext;
import dev.continuity.worker.ContinuityWorker;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** CONTINUITY_LOG_FORMAT=json: each line a JSON object, an action's lines carrying its stamp, operation, step and type. */
class JsonLogLinesTest {

  @ActivityInterface
  public interface LoggingAction {
    @ActivityMethod(name = "test.logsWhatItDoes")
    String act(ActionRequest request);
  }

  /** A test double: an action that only logs, as the real ones do around their ARM calls. */
  public static class LoggingActionImpl implements LoggingAction {
    @Override
    public String act(ActionRequest request) {
      LoggerFactory.getLogger("dev.continuity.activities.TestAction").info("moved {} to {}", request.target().name(), request.toRegion());
      return "done";
    }
  }

  @WorkflowInterface
  public interface OneAction {
    @WorkflowMethod
    String run(ActionRequest request);
  }

  public static class OneActionImpl implements OneAction {
    @Override
    public String run(ActionRequest request) {
      return Workflow.newActivityStub(LoggingAction.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build()).act(request);
    }
  }

  @Test
  void anActionLogsOneJsonObjectPerLineWithItsContext() throws Exception {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> json = new OutputStreamAppender<>();
    json.setContext(ctx);
    json.setName("json-under-test");
    json.setEncoder(LogFormat.jsonEncoder(ctx));
    json.setOutputStream(out);
    json.start();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(json);
    ActionRequest request = new ActionRequest("web-api-failover-7", "traffic", "test.logsWhatItDoes",
        new ResourceRef("tm-web-api", "trafficManager", null, "global", Map.of()), Map.of("secret-looking", "not logged"), "web-api", "eastus", "westus", false);
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
            .setWorkerInterceptors(ContinuityWorker.interceptors(List.of()).toArray(new WorkerInterceptor[0])).build())
        .build())) {
      Worker worker = env.newWorker("json-logs");
      worker.registerWorkflowImplementationTypes(OneActionImpl.class);
      worker.registerActivitiesImplementations(new LoggingActionImpl());
      env.start();
      assertEquals("done", env.getWorkflowClient().newWorkflowStub(OneAction.class,
          WorkflowOptions.newBuilder().setTaskQueue("json-logs").setWorkflowId("json-logs-1").build()).run(request));
    } finally {
      root.detachAppender(json);
      json.stop();
    }

    JsonNode line = null;
    for (String text : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (text.isBlank()) continue;
      JsonNode node = Json.MAPPER.readTree(text); // every line parses on its own
      if (node.path("formattedMessage").asText().startsWith("moved ")) line = node;
    }
    assertNotNull(line, "the action's line was written:\n" + out);
    assertEquals("moved tm-web-api to westus", line.path("formattedMessage").asText());
    assertEquals("INFO", line.path("level").asText());
    assertEquals("dev.continuity.activities.TestAction", line.path("loggerName").asText());
    JsonNode mdc = line.path("mdc");
    assertEquals("web-api", mdc.path(ActivityLogContext.STAMP).asText(), line.toString());
    assertEquals("web-api-failover-7", mdc.path(ActivityLogContext.OPERATION).asText());
    assertEquals("traffic", mdc.path(ActivityLogContext.STEP).asText());
    assertEquals("test.logsWhatItDoes", mdc.path(ActivityLogContext.ACTIVITY_TYPE).asText());
    assertEquals("json-logs-1", mdc.path("WorkflowId").asText(), "Temporal's own keys are there too: " + mdc);
    assertFalse(line.toString().contains("not logged"), "parameters stay out of the log");
  }

  @Test
  void theEnvironmentSwitchesTheConsoleToJsonAndRefusesUnknownFormats() throws Exception {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    List<Appender<ILoggingEvent>> before = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) before.add(it.next());
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringWriter warnings = new StringWriter();
    try {
      LogFormat.apply(Map.of(LogFormat.VARIABLE, "yaml"), new PrintWriter(warnings, true));
      assertTrue(warnings.toString().contains("'text' or 'json', not 'yaml'"), warnings.toString());
      assertEquals(null, root.getAppender("json"), "an unknown format leaves the text output");

      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      LogFormat.apply(Map.of(LogFormat.VARIABLE, "JSON"), new PrintWriter(warnings, true));
      assertNotNull(root.getAppender("json"));
      LoggerFactory.getLogger("dev.continuity.cli.JsonLogLinesTest").warn("a line for a pipeline");
    } finally {
      System.setErr(stderr);
      Appender<ILoggingEvent> json = root.getAppender("json");
      if (json != null) {
        root.detachAppender(json);
        json.stop();
      }
      for (Appender<ILoggingEvent> a : before) {
        a.start();
        root.addAppender(a);
      }
    }
    String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
    JsonNode last = Json.MAPPER.readTree(lines[lines.length - 1]);
    assertEquals("a line for a pipeline", last.path("formattedMessage").asText(), captured.toString(StandardCharsets.UTF_8));
    assertEquals("WARN", last.path("level").asText());
  }
}
