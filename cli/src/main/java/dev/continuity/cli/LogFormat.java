package dev.continuity.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * How log lines look: text for a person at a terminal (the default), or, with
 * CONTINUITY_LOG_FORMAT=json, one JSON object per line for a log pipeline (logback's own
 * JsonEncoder): timestamp, level, threadName, loggerName, formattedMessage, throwable, and
 * {@code mdc} with the keys the code knows where a line is written: stamp, operationId, step and
 * activityType in actions (ActivityLogContext), Temporal's WorkflowId, RunId, ActivityId, ... in
 * the SDK's threads. Messages never carry secrets, so neither do the lines.
 */
final class LogFormat {
  static final String VARIABLE = "CONTINUITY_LOG_FORMAT";

  private LogFormat() {}

  /** Switches the root logger's console output to JSON when the environment asks for it. */
  static void apply(Map<String, String> env, PrintWriter err) {
    String format = env.get(VARIABLE);
    if (format == null || format.isBlank() || format.trim().equalsIgnoreCase("text")) return;
    if (!format.trim().toLowerCase(Locale.ROOT).equals("json")) {
      err.println("continuity: warning: " + VARIABLE + " is 'text' or 'json', not '" + format + "'; logging text");
      err.flush();
      return;
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root.getAppender("json") != null) return;
    ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
    json.setContext(ctx);
    json.setName("json");
    json.setTarget("System.err");
    json.setEncoder(jsonEncoder(ctx));
    json.start();
    root.detachAndStopAllAppenders();
    root.addAppender(json);
  }

  /** One JSON object per line, without what is the same on every line (the context) or duplicated (raw message and arguments). */
  static Encoder<ILoggingEvent> jsonEncoder(LoggerContext ctx) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(ctx);
    encoder.setWithContext(false);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }
}
