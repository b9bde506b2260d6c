package dev.continuity.activities.report;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who writes the report: the configured models in order (primary deployment, a deployment in the
 * secondary region, a smaller model), then the deterministic template, which always answers. A
 * model is passed over when its circuit is open, when it does not answer within its retries, or
 * when its text fails the {@link GroundingCheck}. Holds one circuit breaker per endpoint, so one
 * instance lives as long as the worker.
 */
public final class ReportAuthors {
  private static final Logger log = LoggerFactory.getLogger(ReportAuthors.class);
  public static final String TEMPLATE = "template";

  /** A model of the chain with its endpoint settings and breaker. */
  public record Link(ModelEndpoint endpoint, ReportModel model, CircuitBreaker breaker) {}

  /**
   * @param markdown the report text
   * @param writtenBy the link's name and model ("primary (gpt-4o)") or "template"
   * @param attempts what happened at each link, in order, for the log and the facts
   */
  public record Authored(String markdown, String writtenBy, List<String> attempts) {}

  private final List<Link> links;

  public ReportAuthors(List<Link> links) {
    this.links = List.copyOf(links);
  }

  /**
   * The chain of the given endpoints on the OpenAI SDK, keys read through {@code env}, Entra ID
   * tokens from the worker's DefaultAzureCredential (managed identity, workload identity, az login).
   */
  public static ReportAuthors of(List<ModelEndpoint> endpoints, Function<String, String> env, Clock clock) {
    return of(endpoints, env, clock, defaultAzureCredential());
  }

  /** As above, with the Entra ID credential given (made on first use). */
  public static ReportAuthors of(List<ModelEndpoint> endpoints, Function<String, String> env, Clock clock,
      Supplier<TokenCredential> entra) {
    List<Link> links = new ArrayList<>();
    for (ModelEndpoint e : endpoints) {
      links.add(new Link(e, new OpenAiReportModel(e, env, entra),
          new CircuitBreaker(e.breakerFailures(), Duration.ofSeconds(e.breakerCoolOffSeconds()), clock)));
    }
    return new ReportAuthors(links);
  }

  /** One DefaultAzureCredential for all Entra ID endpoints, built when the first one asks. */
  private static Supplier<TokenCredential> defaultAzureCredential() {
    TokenCredential[] made = new TokenCredential[1];
    return () -> {
      synchronized (made) {
        if (made[0] == null) made[0] = new DefaultAzureCredentialBuilder().build();
        return made[0];
      }
    };
  }

  /** Only the template: no model configured. */
  public static ReportAuthors templateOnly() {
    return new ReportAuthors(List.of());
  }

  public List<Link> links() {
    return links;
  }

  public Authored write(ReportFacts facts, String template) {
    ReportPrompt prompt = ReportPrompt.of(facts);
    List<String> attempts = new ArrayList<>();
    for (Link link : links) {
      String who = link.endpoint().name() + " (" + link.endpoint().model() + ")";
      if (!link.breaker().allows()) {
        attempts.add(who + ": skipped, circuit open");
        continue;
      }
      Optional<String> text = call(link, prompt, attempts, who);
      if (text.isEmpty()) continue;
      Optional<String> refusal = GroundingCheck.refusal(text.get(), facts);
      if (refusal.isPresent()) {
        attempts.add(who + ": refused, " + refusal.get());
        log.warn("report from {} refused: {}", who, refusal.get());
        continue;
      }
      attempts.add(who + ": accepted");
      return new Authored(text.get(), who, attempts);
    }
    attempts.add(TEMPLATE + ": written");
    return new Authored(template, TEMPLATE, attempts);
  }

  private Optional<String> call(Link link, ReportPrompt prompt, List<String> attempts, String who) {
    ModelEndpoint e = link.endpoint();
    for (int attempt = 0; ; attempt++) {
      try {
        String text = link.model().complete(prompt);
        link.breaker().succeeded();
        return Optional.of(text);
      } catch (ModelCallFailure f) {
        link.breaker().failed();
        String what = f.status() < 0 ? noAnswer(f) : f.status() == 200 ? "an answer without text" : "HTTP " + f.status();
        Duration wait = f.retryAfter() != null ? f.retryAfter() : Duration.ofMillis(250L << Math.min(attempt, 4));
        boolean again = f.retryable() && attempt < e.retries()
            && wait.compareTo(Duration.ofSeconds(e.maxRetryAfterSeconds())) <= 0
            && link.breaker().state() == CircuitBreaker.State.CLOSED;
        if (!again) {
          attempts.add(who + ": failed, " + what + (f.retryable() && f.retryAfter() != null
              && wait.compareTo(Duration.ofSeconds(e.maxRetryAfterSeconds())) > 0 ? ", Retry-After " + wait.toSeconds() + " s too long" : ""));
          log.warn("report model {} failed: {}", who, what);
          return Optional.empty();
        }
        attempts.add(who + ": " + what + ", retrying in " + wait.toMillis() + " ms");
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      } catch (RuntimeException bug) {
        // a model that breaks in an unforeseen way still must not cost the report
        link.breaker().failed();
        attempts.add(who + ": failed, " + rootMessage(bug));
        log.warn("report model {} failed unexpectedly", who, bug);
        return Optional.empty();
      }
    }
  }

  /** "no answer (...)" for timeouts and refused connections; the credential's words when no token came. */
  private static String noAnswer(ModelCallFailure f) {
    String message = f.getMessage() == null ? "" : f.getMessage().lines().findFirst().orElse("");
    if (message.startsWith("no Entra ID token")) return message;
    return "no answer (" + rootMessage(f) + ")";
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null) r = r.getCause();
    return r.getClass().getSimpleName() + (r.getMessage() == null ? "" : ": " + r.getMessage());
  }
}
