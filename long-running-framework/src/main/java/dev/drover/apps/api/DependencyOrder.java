package dev.drover.apps.api;

import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.validation.InvalidException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders apps so each comes after what it depends on (Kahn's algorithm, ties by id). A dependency names an app or a
 * group (every app under it), given on the app or on any enclosing group. Dependencies outside the set are already
 * deployed and impose nothing. A cycle is a 422.
 */
final class DependencyOrder {
  private DependencyOrder() {}

  /**
   * The app ids {@code app} depends on: its own dependencies and those of every enclosing group, each naming an app
   * or a group (every app under it), resolved against {@code allIds}. Never the app itself.
   */
  static List<String> expand(AppDefinition app, Collection<String> allIds, Map<String, List<String>> groupDeps) {
    List<String> named = new ArrayList<>(app.dependencies());
    groupDeps.forEach((group, deps) -> {
      if (app.id().startsWith(group.equals("/") ? "/" : group + "/")) {
        named.addAll(deps);
      }
    });
    Set<String> out = new LinkedHashSet<>();
    for (String dep : named) {
      for (String other : allIds) {
        if (!other.equals(app.id()) && (other.equals(dep) || other.startsWith(dep + "/"))) {
          out.add(other);
        }
      }
    }
    return List.copyOf(out);
  }

  /** The changes as the runtime sees them: dependencies on groups expanded to the app ids below them. */
  static List<dev.drover.apps.runtime.AppChange> forRuntime(List<dev.drover.apps.runtime.AppChange> changes,
      Collection<AppDefinition> all, Map<String, List<String>> groupDeps) {
    List<String> ids = all.stream().map(AppDefinition::id).toList();
    return changes.stream().map(c -> c.to() == null ? c : new dev.drover.apps.runtime.AppChange(c.appId(), c.from(),
        c.to().withDependencies(expand(c.to(), ids, groupDeps)), c.restart())).toList();
  }

  static List<AppDefinition> sort(Collection<AppDefinition> apps, Map<String, List<String>> groupDependencies) {
    Map<String, AppDefinition> byId = new LinkedHashMap<>();
    apps.stream().sorted(java.util.Comparator.comparing(AppDefinition::id)).forEach(a -> byId.put(a.id(), a));
    Map<String, Set<String>> needs = new LinkedHashMap<>();
    for (AppDefinition a : byId.values()) {
      Set<String> deps = new LinkedHashSet<>();
      List<String> named = new ArrayList<>(a.dependencies());
      groupDependencies.forEach((group, groupDeps) -> {
        if (a.id().startsWith(group.equals("/") ? "/" : group + "/")) {
          named.addAll(groupDeps);
        }
      });
      for (String dep : named) {
        for (String other : byId.keySet()) {
          if (!other.equals(a.id()) && (other.equals(dep) || other.startsWith(dep + "/"))) {
            deps.add(other);
          }
        }
      }
      needs.put(a.id(), deps);
    }
    List<AppDefinition> out = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    while (out.size() < byId.size()) {
      boolean progressed = false;
      for (AppDefinition a : byId.values()) {
        if (!done.contains(a.id()) && done.containsAll(needs.get(a.id()))) {
          out.add(a);
          done.add(a.id());
          progressed = true;
        }
      }
      if (!progressed) {
        List<String> stuck = byId.keySet().stream().filter(id -> !done.contains(id)).toList();
        throw InvalidException.at("/dependencies", "dependency cycle between " + String.join(", ", stuck));
      }
    }
    return out;
  }
}
