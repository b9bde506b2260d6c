package dev.continuity.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretTextTest {
  @Test
  void credentialsInsideSentencesAreMasked() {
    assertEquals("upload to https://st.blob.core.windows.net/c/b?sv=2022-11-02&se=2026-01-01&sig=[redacted] failed (403)",
        SecretText.redact("upload to https://st.blob.core.windows.net/c/b?sv=2022-11-02&se=2026-01-01&sig=abc%2Bdef%3D failed (403)"));
    assertEquals("DefaultEndpointsProtocol=https;AccountName=st;AccountKey=[redacted];EndpointSuffix=core.windows.net",
        SecretText.redact("DefaultEndpointsProtocol=https;AccountName=st;AccountKey=c2VjcmV0==;EndpointSuffix=core.windows.net"));
    assertEquals("GET https://fn.azurewebsites.net/api/health?code=[redacted] -> 503",
        SecretText.redact("GET https://fn.azurewebsites.net/api/health?code=Zm9vYmFyLWZ1bmN0aW9uLWtleQ== -> 503"));
    assertEquals("header Authorization: Bearer [redacted] refused",
        SecretText.redact("header Authorization: Bearer sk-0123456789abcdefghij refused"));
    assertEquals("token [redacted] expired", SecretText.redact("token eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGkifQ.c2lnbmF0dXJl expired"));
    assertEquals("Server=db;Password=[redacted];", SecretText.redact("Server=db;Password=\"p@ss;word\";"));
  }

  @Test
  void ordinaryTextNumbersAndNestedValuesSurvive() {
    String plain = "set write region to westus2 after 2 attempts (RTO 250 s, last sync 2023-11-14T22:12:38Z)";
    assertEquals(plain, SecretText.redact(plain));
    assertEquals(Map.of("lag", 42, "urls", List.of("https://x/?sig=[redacted]")),
        SecretText.redactValue(Map.of("lag", 42, "urls", List.of("https://x/?sig=secret"))));
  }
}
