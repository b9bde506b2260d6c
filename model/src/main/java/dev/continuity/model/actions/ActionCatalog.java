package dev.continuity.model.actions;

import io.temporal.activity.ActivityMethod;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every action a runbook may name, read from the {@link ActionDoc} annotations of the activity
 * interfaces. An action's name is its Temporal activity type, so the workflow calls it by name.
 */
public final class ActionCatalog {

  /** The activity interfaces that hold actions. A new service is added here and nowhere else. */
  public static final List<Class<?>> INTERFACES = List.of(
      ProbeActions.class,
      TrafficManagerActions.class,
      FrontDoorActions.class,
      DnsActions.class,
      CosmosDbActions.class,
      StorageActions.class,
      SqlActions.class,
      PostgresActions.class,
      MySqlActions.class,
      DataFactoryActions.class,
      DatabricksActions.class,
      LangfuseActions.class,
      RedisActions.class,
      AksActions.class,
      KubernetesActions.class,
      AppServiceActions.class,
      ApplicationGatewayActions.class,
      MonitorActions.class,
      ServiceStateActions.class);

  private static final Map<String, ActionSpec> ACTIONS = load();

  private ActionCatalog() {}

  public static ActionSpec find(String name) {
    return name == null ? null : ACTIONS.get(name);
  }

  /** All actions, sorted by name. */
  public static List<ActionSpec> all() {
    return List.copyOf(ACTIONS.values());
  }

  public static List<String> names() {
    return List.copyOf(ACTIONS.keySet());
  }

  private static Map<String, ActionSpec> load() {
    List<ActionSpec> specs = new ArrayList<>();
    for (Class<?> iface : INTERFACES) {
      for (Method m : iface.getMethods()) {
        ActionDoc doc = m.getAnnotation(ActionDoc.class);
        ActivityMethod am = m.getAnnotation(ActivityMethod.class);
        if (doc == null || am == null || am.name().isEmpty()) {
          throw new IllegalStateException(iface.getSimpleName() + "." + m.getName() + " needs @ActivityMethod(name) and @ActionDoc");
        }
        List<ActionSpec.ParamSpec> params = Arrays.stream(doc.params())
            .map(p -> new ActionSpec.ParamSpec(p.name(), p.doc(), p.required()))
            .toList();
        specs.add(new ActionSpec(am.name(), doc.target(), doc.summary(), Duration.ofSeconds(doc.expectedSeconds()),
            doc.longRunning(), doc.movesTraffic(), params, iface));
      }
    }
    specs.sort(Comparator.comparing(ActionSpec::name));
    Map<String, ActionSpec> byName = new LinkedHashMap<>();
    for (ActionSpec s : specs) {
      if (byName.put(s.name(), s) != null) throw new IllegalStateException("action named twice: " + s.name());
    }
    return Collections.unmodifiableMap(byName);
  }
}
