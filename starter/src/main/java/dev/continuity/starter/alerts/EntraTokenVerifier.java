package dev.continuity.starter.alerts;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks the bearer token of an Entra ID secured webhook (action groups and Event Grid send one):
 * RS256 signature against the issuer's published keys (fetched and cached), the exact issuer, one
 * of the accepted audiences (the app registration's id or application id URI), and expiry.
 */
public final class EntraTokenVerifier {
  /** Entra's signing keys are shared by every tenant and published here. */
  public static final String DEFAULT_JWKS = "https://login.microsoftonline.com/common/discovery/v2.0/keys";

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public EntraTokenVerifier(String issuer, Set<String> audiences, URI jwks) {
    if (issuer == null || issuer.isBlank()) throw new IllegalArgumentException("an Entra issuer is required");
    if (audiences == null || audiences.isEmpty()) throw new IllegalArgumentException("at least one accepted audience is required");
    JWKSource<SecurityContext> keys;
    try {
      keys = JWKSourceBuilder.create((jwks == null ? URI.create(DEFAULT_JWKS) : jwks).toURL()).retrying(true).build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("the JWKS address is not a URL: " + jwks);
    }
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
        new HashSet<>(audiences), new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "iss", "aud"), null));
  }

  /** Null when the token is good, else why it is not (for the log and the 401's body). */
  public String refusal(String token) {
    try {
      processor.process(token, null);
      return null;
    } catch (java.text.ParseException e) {
      return "the bearer token is not a JWT";
    } catch (Exception e) {
      String m = e.getMessage();
      return "the bearer token is refused: " + (m == null ? e.getClass().getSimpleName() : CommonAlertParser.clip(m));
    }
  }
}
