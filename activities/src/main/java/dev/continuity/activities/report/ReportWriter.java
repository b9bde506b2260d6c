package dev.continuity.activities.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.continuity.model.Json;
import dev.continuity.model.report.ReportActivities;
import dev.continuity.model.report.ReportInput;
import dev.continuity.model.report.ReportResult;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last activity of every operation: computes the facts, has the first willing author of the
 * chain word them (a model, else the template), and stores {@code report.md}, {@code report.html},
 * {@code facts.json} and {@code timeline.json}. Every file is written whole, so a retried attempt
 * simply writes them again.
 */
public class ReportWriter implements ReportActivities {
  private static final Logger log = LoggerFactory.getLogger(ReportWriter.class);
  private static final Pattern SUMMARY = Pattern.compile("(?ims)^#{1,4}\\s*(?:\\d+\\.\\s*)?\\**executive summary\\**\\s*$(.*?)(?=^#{1,4}\\s|\\z)");

  /** The failure type of a report the store lastingly refused. */
  public static final String STORE_REFUSED = "ReportStoreRefused";

  private final ReportAuthors authors;
  private final ReportStore store;

  public ReportWriter(ReportAuthors authors, ReportStore store) {
    this.authors = authors;
    this.store = store;
  }

  /** The template alone, into a local directory. */
  public static ReportWriter templateInto(Path dir) {
    return new ReportWriter(ReportAuthors.templateOnly(), new LocalReportStore(dir));
  }

  /**
   * From the environment: {@value ModelEndpoint#MODELS_ENV} (the model chain, JSON) and
   * {@value ReportStore#STORE_ENV} (a directory or a Blob container URL; {@code defaultDir} if unset).
   */
  public static ReportWriter fromEnvironment(Path defaultDir) {
    return fromEnvironment(System::getenv, defaultDir);
  }

  public static ReportWriter fromEnvironment(Function<String, String> env, Path defaultDir) {
    ReportAuthors authors = ReportAuthors.of(ModelEndpoint.parse(env.apply(ModelEndpoint.MODELS_ENV)), env, Clock.systemUTC());
    return new ReportWriter(authors, ReportStore.of(env.apply(ReportStore.STORE_ENV), defaultDir, env));
  }

  @Override
  public ReportResult writeReport(ReportInput input) {
    RecoveryMeasures measures = RecoveryMeasures.of(input.plan(), input.timeline());
    ReportFacts facts = ReportFacts.of(input.plan(), input.timeline());
    String template = TemplateReport.render(input.plan(), input.timeline(), measures);
    ReportAuthors.Authored authored = authors.write(facts, template);
    log.info("report of {} written by {} ({})", facts.operationId(), authored.writtenBy(), String.join("; ", authored.attempts()));

    String markdown = authored.markdown().strip() + "\n\n---\n\n_Written by " + authored.writtenBy()
        + " from facts measured by Continuity. Authors tried: " + String.join("; ", authored.attempts()) + "._\n";
    String html = HtmlReport.render(markdown, authored.writtenBy(), facts, input.timeline(), measures);
    String id = input.timeline().operationId;
    String location;
    try {
      location = store.put(id, "report.md", utf8(markdown), "text/markdown; charset=utf-8");
      store.put(id, "report.html", utf8(html), "text/html; charset=utf-8");
      store.put(id, "facts.json", utf8(json(facts)), "application/json");
      store.put(id, "timeline.json", utf8(json(input.timeline())), "application/json");
    } catch (ReportStoreException e) {
      log.warn("report of {} not stored: {}", facts.operationId(), e.getMessage());
      // refused credentials will not be accepted on the next attempt: the operation ends now, with
      // this line in its timeline, instead of after the activity's retries
      if (e.lasting()) throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), STORE_REFUSED, e);
      throw e;
    }

    String summary = ReportAuthors.TEMPLATE.equals(authored.writtenBy())
        ? TemplateReport.summary(input.plan(), input.timeline(), measures)
        : executiveSummary(authored.markdown(), TemplateReport.summary(input.plan(), input.timeline(), measures));
    return new ReportResult(location, summary, authored.writtenBy());
  }

  /** The text under the Executive Summary heading, on one line. */
  static String executiveSummary(String markdown, String otherwise) {
    Matcher m = SUMMARY.matcher(markdown);
    if (!m.find()) return otherwise;
    String text = m.group(1).strip().replaceAll("\\s+", " ");
    return text.isEmpty() ? otherwise : text;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String json(Object o) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + o.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
    }
  }
}
