package dev.continuity.activities.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where notices go: a Microsoft Teams channel (incoming webhook or Workflows webhook; both take
 * an Adaptive Card message) or a generic webhook taking JSON. Webhook URLs carry their own
 * signature, so they are read from the environment and only their host is ever logged.
 */
public record NotificationChannel(String kind, URI url) {
  public static final String TEAMS_ENV = "CONTINUITY_NOTIFY_TEAMS_URL";
  public static final String WEBHOOK_ENV = "CONTINUITY_NOTIFY_WEBHOOK_URL";

  public NotificationChannel {
    if (!kind.equals("teams") && !kind.equals("webhook")) throw new IllegalArgumentException("unknown channel kind " + kind);
    String scheme = url.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme)) {
      throw new IllegalArgumentException(kind + " notification URL must be http(s), not " + scheme);
    }
  }

  /** The channels configured in {@value #TEAMS_ENV} and {@value #WEBHOOK_ENV}; none when unset. */
  public static List<NotificationChannel> from(Function<String, String> env) {
    List<NotificationChannel> channels = new ArrayList<>();
    String teams = env.apply(TEAMS_ENV);
    if (teams != null && !teams.isBlank()) channels.add(new NotificationChannel("teams", URI.create(teams.trim())));
    String hook = env.apply(WEBHOOK_ENV);
    if (hook != null && !hook.isBlank()) channels.add(new NotificationChannel("webhook", URI.create(hook.trim())));
    return channels;
  }

  @Override
  public String toString() {
    return kind + " (" + url.getHost() + ")";
  }
}
