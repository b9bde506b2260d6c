package dev.continuity.activities.report;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Supplier;

/**
 * The bearer token of an Azure OpenAI endpoint reached with Entra ID: asked of the worker's
 * credential (DefaultAzureCredential in production) for the Cognitive Services scope, kept until
 * shortly before it expires so each report does not cost a round trip to the identity endpoint.
 * A credential that cannot give a token is a model that does not answer: the chain moves on.
 */
final class EntraToken implements Supplier<String> {
  /** The Entra ID scope of Azure OpenAI (Cognitive Services). */
  static final String AZURE_OPENAI_SCOPE = "https://cognitiveservices.azure.com/.default";
  private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

  private final String endpointName;
  private final Supplier<TokenCredential> credential;
  private final Clock clock;
  private AccessToken cached;

  /** @param credential made on first use, so a worker with no Entra ID model never builds one */
  EntraToken(String endpointName, Supplier<TokenCredential> credential, Clock clock) {
    this.endpointName = endpointName;
    this.credential = credential;
    this.clock = clock;
  }

  @Override
  public synchronized String get() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (cached != null && cached.getExpiresAt() != null && now.plus(REFRESH_BEFORE_EXPIRY).isBefore(cached.getExpiresAt())) {
      return cached.getToken();
    }
    AccessToken token;
    try {
      token = credential.get().getTokenSync(new TokenRequestContext().addScopes(AZURE_OPENAI_SCOPE));
    } catch (RuntimeException e) {
      throw new ModelCallFailure("no Entra ID token for report model " + endpointName + " (scope " + AZURE_OPENAI_SCOPE
          + "): " + firstLine(e.getMessage()), -1, null, e);
    }
    if (token == null || token.getToken() == null || token.getToken().isBlank()) {
      throw new ModelCallFailure("no Entra ID token for report model " + endpointName + ": the credential gave none", -1, null, null);
    }
    cached = token;
    return token.getToken();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
