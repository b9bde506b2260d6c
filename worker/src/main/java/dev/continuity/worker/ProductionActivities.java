package dev.continuity.worker;

import dev.continuity.activities.ActivitiesConfig;
import dev.continuity.activities.AzureActivities;
import dev.continuity.activities.notify.WebhookNotifications;
import dev.continuity.activities.report.ReportWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The activities a real worker registers: every Azure action (against Azure, or the ARM emulator
 * when the configuration names one), the report writer (models from CONTINUITY_REPORT_MODELS, store from
 * CONTINUITY_REPORT_STORE) and the notifications (CONTINUITY_NOTIFY_TEAMS_URL, CONTINUITY_NOTIFY_WEBHOOK_URL).
 */
public final class ProductionActivities {
  /** Where reports go unless CONTINUITY_REPORT_DIR says otherwise. */
  public static final String REPORT_DIR = "CONTINUITY_REPORT_DIR";

  private ProductionActivities() {}

  public static List<Object> create(ActivitiesConfig config, Path reportDir) {
    return create(config, reportDir, System::getenv, null, null);
  }

  /**
   * @param env where the report and notification settings are read
   * @param webUiUrl the Temporal Web UI the notices link to, when the caller knows it (the demo's
   *     own dev server); null: CONTINUITY_WEB_UI_URL or TEMPORAL_UI_URL
   * @param namespace the namespace of those links; null: TEMPORAL_NAMESPACE, else "default"
   */
  public static List<Object> create(ActivitiesConfig config, Path reportDir, Function<String, String> env,
      String webUiUrl, String namespace) {
    List<Object> all = new ArrayList<>(AzureActivities.all(config));
    all.add(ReportWriter.fromEnvironment(env, reportDir));
    all.add(WebhookNotifications.fromEnvironment(env, webUiUrl, namespace));
    return all;
  }

  /** From the environment: CONTINUITY_ARM_ENDPOINT, CONTINUITY_PROBE_RELAY, CONTINUITY_TIME_SCALE, CONTINUITY_REPORT_DIR. */
  public static List<Object> fromEnvironment() {
    String dir = System.getenv(REPORT_DIR);
    return create(ActivitiesConfig.fromEnvironment(), Path.of(dir == null || dir.isBlank() ? "continuity-out/reports" : dir));
  }
}
