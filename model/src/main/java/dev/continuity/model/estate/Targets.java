package dev.continuity.model.estate;

/** Recovery objectives of a stamp: recovery time and recovery point, in minutes. */
public record Targets(int rtoMinutes, int rpoMinutes) {
  public static final Targets DEFAULT = new Targets(5, 1);
}
