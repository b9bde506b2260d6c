package dev.continuity.activities.report;

import com.azure.core.credential.TokenCredential;
import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.credential.BearerTokenCredential;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A report model behind the OpenAI Java SDK: an Azure OpenAI deployment (key or Entra ID) or any
 * OpenAI-compatible endpoint. The SDK's own retries are off: {@link ReportAuthors} retries with
 * its own bounds and counts failures for the circuit breaker.
 */
public final class OpenAiReportModel implements ReportModel {
  private final ModelEndpoint endpoint;
  private final OpenAIOkHttpClient.Builder builder;
  private OpenAIClient client;

  /**
   * @param env reads the key named by {@link ModelEndpoint#apiKeyEnv()} at run time
   * @param entra the Entra ID credential of {@code auth: entra} endpoints (asked on first call)
   */
  public OpenAiReportModel(ModelEndpoint endpoint, Function<String, String> env, Supplier<TokenCredential> entra) {
    this.endpoint = endpoint;
    OpenAIOkHttpClient.Builder b = OpenAIOkHttpClient.builder()
        .baseUrl(endpoint.endpoint())
        .timeout(endpoint.timeout())
        .maxRetries(0)
        // the project pins its own Jackson; the SDK's check refuses versions it was not built against
        .checkJacksonVersionCompatibility(false);
    if (endpoint.auth().equals("entra")) {
      // Azure endpoints ask the supplier again for every request, so an expired token is replaced
      b.credential(BearerTokenCredential.create(new EntraToken(endpoint.name(), entra, Clock.systemUTC())));
    } else {
      String key = endpoint.apiKeyEnv() == null ? null : env.apply(endpoint.apiKeyEnv());
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("report model " + endpoint.name() + ": the environment variable "
            + endpoint.apiKeyEnv() + " holding its key is not set");
      }
      // Azure OpenAI takes its key in the api-key header, other endpoints as a bearer token
      if (endpoint.kind().equals("azure")) b.credential(AzureApiKeyCredential.create(key));
      else b.apiKey(key);
    }
    if (endpoint.kind().equals("azure")) {
      // the deployment goes in the path (/openai/deployments/<model>/...), whatever the host is called
      b.azureUrlPathMode(AzureUrlPathMode.LEGACY);
      if (endpoint.apiVersion() != null) b.azureServiceVersion(AzureOpenAIServiceVersion.fromString(endpoint.apiVersion()));
    }
    this.builder = b;
  }

  /**
   * Built on the first call, not with the worker: the SDK reads a bearer token while building,
   * and a worker must start (and write template reports) even when no Entra ID token can be had.
   */
  private synchronized OpenAIClient client() {
    if (client == null) client = builder.build();
    return client;
  }

  @Override
  public String complete(ReportPrompt prompt) {
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model(endpoint.model())
        .addSystemMessage(prompt.system())
        .addUserMessage(prompt.user())
        .build();
    try {
      ChatCompletion answer = client().chat().completions().create(params);
      return answer.choices().stream().findFirst().flatMap(c -> c.message().content())
          .orElseThrow(() -> new ModelCallFailure("the model answered without text", 200, null, null));
    } catch (OpenAIServiceException e) {
      throw new ModelCallFailure("HTTP " + e.statusCode() + " from " + endpoint.name(), e.statusCode(),
          retryAfter(e.headers().values("retry-after-ms"), e.headers().values("retry-after")), e);
    } catch (OpenAIException e) {
      throw new ModelCallFailure("no answer from " + endpoint.name() + ": " + e.getMessage(), -1, null, e);
    } catch (ModelCallFailure e) {
      throw e;
    } catch (RuntimeException e) {
      // e.g. the Entra ID token could not be had, wrapped on its way through the SDK
      ModelCallFailure cause = causeOfType(e);
      if (cause != null) throw cause;
      throw new ModelCallFailure("no answer from " + endpoint.name() + ": " + e, -1, null, e);
    }
  }

  private static ModelCallFailure causeOfType(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof ModelCallFailure f) return f;
    return null;
  }

  /** Retry-After in milliseconds (Azure's retry-after-ms), seconds, or an HTTP date. */
  static Duration retryAfter(List<String> millis, List<String> header) {
    try {
      if (!millis.isEmpty()) return Duration.ofMillis((long) Double.parseDouble(millis.get(0).trim()));
      if (header.isEmpty()) return null;
      String v = header.get(0).trim();
      if (v.matches("\\d+(\\.\\d+)?")) return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
      Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
      return d.isNegative() ? Duration.ZERO : d;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}
