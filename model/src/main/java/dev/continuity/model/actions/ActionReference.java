package dev.continuity.model.actions;

import java.time.Duration;
import java.util.List;

/**
 * docs/actions.md, rendered from the {@link ActionCatalog}: every action with its target kind,
 * parameters, timing flags and the permissions the worker's identity needs. A test compares the
 * file with this rendering, so the reference cannot drift from the code.
 */
public final class ActionReference {
  /** The command that rewrites docs/actions.md (and the generated parts of docs/security.md). */
  public static final String REGENERATE =
      "./mvnw -B -q -pl model test -Dsurefire.failIfNoSpecifiedTests=false -Dtest='ActionReferenceTest,StampRoleTest' -Dcontinuity.writeDocs=true";

  private ActionReference() {}

  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Action reference\n\n")
        .append("<!-- Generated from the @ActionDoc annotations of model/src/main/java/dev/continuity/model/actions;\n")
        .append("     do not edit. Regenerate with:\n     ").append(REGENERATE).append(" -->\n\n")
        .append("Every action a runbook step may name (`action:`), generated from the activity interfaces, so this\n")
        .append("page is what the validator and the workers know. An action's name is its Temporal activity type.\n")
        .append("Parameters go under the step's `with:`; `target:` names a resource of the kind shown.\n\n")
        .append("- **long-running**: starts a long-running ARM operation; the attempt heartbeats the operation's status\n")
        .append("  URL and a retried attempt (after a worker crash) polls it instead of starting a second one. Default\n")
        .append("  step timeout 30m instead of 10m.\n")
        .append("- **moves traffic**: changes where users are served; the RTO is measured to the last of these steps.\n")
        .append("- **expected**: duration in Azure (from Azure's documentation), used for the plan's critical path.\n")
        .append("- **Azure RBAC**: the `Actions` and `DataActions` the worker's identity needs on the target, including\n")
        .append("  the reads that observe and verify and the operation-status reads of long-running operations.\n")
        .append("  `continuity roles --stamp S` unions them into a custom role per stamp ([security.md](security.md)).\n\n");
    md.append("| action | target kind | expected | long-running | moves traffic | summary |\n| --- | --- | --- | --- | --- | --- |\n");
    for (ActionSpec a : ActionCatalog.all()) {
      md.append("| [`").append(a.name()).append("`](#").append(anchor(a.name())).append(") | ").append(a.targetKind())
          .append(" | ").append(duration(a.expected())).append(" | ").append(a.longRunning() ? "yes" : "")
          .append(" | ").append(a.movesTraffic() ? "yes" : "").append(" | ").append(cell(a.summary())).append(" |\n");
    }
    for (ActionSpec a : ActionCatalog.all()) {
      if (!md.toString().endsWith("\n\n")) md.append("\n");
      md.append("## ").append(a.name()).append("\n\n").append(cell(a.summary())).append("\n\n");
      md.append("Target kind `").append(a.targetKind()).append("`; expected ").append(duration(a.expected()));
      if (a.longRunning()) md.append("; long-running");
      if (a.movesTraffic()) md.append("; moves traffic");
      md.append(".\n\n");
      if (a.params().isEmpty()) {
        md.append("Parameters: none.\n\n");
      } else {
        md.append("| parameter | required | meaning |\n| --- | --- | --- |\n");
        for (ActionSpec.ParamSpec p : a.params()) {
          md.append("| `").append(p.name()).append("` | ").append(p.required() ? "yes" : "no").append(" | ")
              .append(cell(p.doc())).append(" |\n");
        }
        md.append("\n");
      }
      list(md, "Azure RBAC actions", a.permissions().actions(), true);
      list(md, "Azure RBAC data actions", a.permissions().dataActions(), true);
      list(md, "Outside Azure RBAC", a.permissions().grants(), false);
    }
    return md.toString();
  }

  private static void list(StringBuilder md, String title, List<String> items, boolean code) {
    if (items.isEmpty()) return;
    md.append(title).append(":\n\n");
    for (String i : items) md.append("- ").append(code ? "`" + i + "`" : cell(i)).append("\n");
    md.append("\n");
  }

  /** GitHub's heading anchor: lower case, dots dropped. */
  static String anchor(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).replace(".", "");
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s < 60) return s + "s";
    if (s % 60 == 0) return (s / 60) + "m";
    return (s / 60) + "m" + (s % 60) + "s";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
  }
}
