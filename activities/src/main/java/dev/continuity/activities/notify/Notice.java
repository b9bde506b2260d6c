package dev.continuity.activities.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message in channel-neutral form, rendered as a Teams card or a webhook JSON body.
 *
 * @param event "approvalNeeded", "decisionNeeded" or "operationEnded"
 * @param facts label -> value, shown as a fact list
 * @param links label -> http(s) URL
 * @param commands CLI commands that answer the notice
 * @param payload the notice itself, for machines reading the webhook
 */
record Notice(String event, String title, String text, Map<String, String> facts, Map<String, String> links,
    List<String> commands, Object payload) {

  static Map<String, String> facts(String... labelValue) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < labelValue.length; i += 2) if (labelValue[i + 1] != null) m.put(labelValue[i], labelValue[i + 1]);
    return m;
  }
}
