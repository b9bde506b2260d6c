package dev.continuity.model.estate;

/** Azure Monitor severities: Sev0 is the most severe (critical), Sev4 the least (verbose). */
public enum Severity {
  Sev0, Sev1, Sev2, Sev3, Sev4;

  /** Parses "Sev2", "sev2" or "2"; returns null when the text names no severity. */
  public static Severity parse(String text) {
    if (text == null) return null;
    String t = text.trim();
    if (t.matches("[0-4]")) return values()[Integer.parseInt(t)];
    for (Severity s : values()) if (s.name().equalsIgnoreCase(t)) return s;
    return null;
  }
}
