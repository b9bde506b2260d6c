package dev.continuity.activities.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks credentials that free text can carry into a report's facts, and so into a model's prompt:
 * an Azure SDK error quoting a SAS URL, a health URL with a function key, a connection string in
 * an exception, a bearer token in a logged header. Names of secrets are dropped by
 * {@link ReportFacts}; this catches the values inside sentences.
 */
final class SecretText {
  static final String MASK = "[redacted]";

  /** key=value pairs of connection strings and settings. */
  private static final Pattern ASSIGNED = Pattern.compile(
      "(?i)\\b(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd|ApiKey|api-key|client_secret|access_token"
          + "|refresh_token|x-functions-key)(\\s*[=:]\\s*)(\"[^\"]*\"|[^;\\s&\"',]+)");
  /** Query parameters that authenticate a URL (SAS signature, function keys, tokens). */
  private static final Pattern QUERY = Pattern.compile(
      "(?i)([?&](?:sig|code|token|key|api-key|apikey|access_token|subscription-key)=)[^&\\s\"'<>]+");
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
  /** A JSON Web Token anywhere (Entra ID access tokens). */
  private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");

  private SecretText() {}

  static String redact(String text) {
    if (text == null || text.isEmpty()) return text;
    String s = ASSIGNED.matcher(text).replaceAll("$1$2" + MASK);
    s = QUERY.matcher(s).replaceAll("$1" + MASK);
    s = BEARER.matcher(s).replaceAll("$1 " + MASK);
    return JWT.matcher(s).replaceAll(MASK);
  }

  /** Strings anywhere in a measured value (nested maps and lists included) redacted; numbers kept. */
  static Object redactValue(Object value) {
    if (value instanceof String s) return redact(s);
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, redactValue(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) out.add(redactValue(o));
      return out;
    }
    return value;
  }
}
