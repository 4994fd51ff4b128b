package dev.drover.apps.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.apps.model.AppDefinition;
import dev.drover.apps.model.AppIds;
import dev.drover.apps.model.AppJson;
import dev.drover.apps.runtime.AppChange;
import dev.drover.apps.runtime.AppEvent;
import dev.drover.apps.runtime.AppsRuntime;
import dev.drover.apps.runtime.ConflictException;
import dev.drover.apps.runtime.DeploymentView;
import dev.drover.apps.runtime.TaskView;
import dev.drover.apps.store.AppStore;
import dev.drover.apps.store.GroupStore;
import dev.drover.apps.validation.AppValidator;
import dev.drover.apps.validation.InvalidException;
import dev.drover.apps.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The apps API's write side: validates, checks for deployments in flight, persists app definitions, then starts
 * the deployment that carries them out. A refused request ({@link InvalidException} 422, {@link ApiException} 404 or
 * 409, {@link ConflictException} 409) has stored nothing.
 *
 * <p>One writer: every method that changes state must be called from one thread at a time (the service's serial
 * loop). Reads go straight to the stores and the runtime.
 */
public final class AppsApi {
  private final AppStore apps;
  private final GroupStore groups;
  private final AppsRuntime runtime;
  private final AppValidator validator;
  private final GroupParser groupParser;
  private final Consumer<AppEvent> events;
  private final Supplier<Instant> clock;
  private final DeploymentLog inFlight;

  public AppsApi(AppStore apps, GroupStore groups, DeploymentLog deployments, AppsRuntime runtime,
      AppValidator validator, Consumer<AppEvent> events, Supplier<Instant> clock) {
    this.inFlight = deployments;
    this.apps = apps;
    this.groups = groups;
    this.runtime = runtime;
    this.validator = validator;
    this.groupParser = new GroupParser(validator);
    this.events = events;
    this.clock = clock;
  }

  public AppStore apps() {
    return apps;
  }

  public GroupStore groups() {
    return groups;
  }

  public AppsRuntime runtime() {
    return runtime;
  }

  /**
   * Aligns the runtime with the stored definitions after an election; see {@link Recovery#resync}. Returns the
   * deployment id, or null when nothing differed.
   */
  public String resync() {
    return new Recovery(apps, groups, inFlight, runtime, clock).resync();
  }

  /** The runtime rolled a deployment back on its own; see {@link Recovery#rolledBack}. */
  public void rolledBack(String deploymentId) {
    new Recovery(apps, groups, inFlight, runtime, clock).rolledBack(deploymentId);
  }

  /** POST /v2/apps: a new app; 409 when the id is taken. */
  public Outcome create(JsonNode body, boolean force) {
    AppDefinition app = validator.validate(body, "/", null);
    if (apps.get(app.id()).isPresent()) {
      throw new ApiException(409, "An app with id [" + app.id() + "] already exists.");
    }
    return apply(List.of(app), List.of(), force, false, "/v2/apps");
  }

  /** PUT or PATCH /v2/apps/{id}: replace or merge; creates the app when PUT names a new one. */
  public Outcome update(String id, JsonNode body, boolean partial, boolean force) {
    Optional<AppDefinition> existing = apps.get(id);
    if (body != null && body.isObject() && body.hasNonNull("version") && onlyVersion(body)) {
      AppDefinition old = existing.flatMap(a -> apps.version(id, body.get("version").asText()))
          .orElseThrow(() -> new ApiException(404, "App '" + id + "' does not exist in version "
              + body.get("version").asText()));
      return apply(List.of(old.withVersion(null, null)), List.of(), force, false, "/v2/apps" + id);
    }
    AppDefinition app = validator.validate(partial ? merged(existing, id, body) : body, AppIds.parent(id), id);
    return apply(List.of(app), List.of(), force, false, "/v2/apps" + id);
  }

  /** PUT or PATCH /v2/apps with an array: every app validated first (paths prefixed {@code /(i)}). */
  public Outcome updateMany(JsonNode body, boolean partial, boolean force) {
    if (body == null || !body.isArray()) {
      throw InvalidException.at("/", "must be a JSON array of apps");
    }
    List<AppDefinition> valid = new ArrayList<>();
    List<Violation> errors = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      JsonNode one = body.get(i);
      try {
        String id = one.hasNonNull("id") ? AppIds.resolve(one.get("id").asText(), "/").orElse(null) : null;
        JsonNode merged = partial && id != null ? merged(apps.get(id), id, one) : one;
        valid.add(validator.validate(merged, "/", null));
      } catch (InvalidException | ApiException e) {
        List<Violation> vs = e instanceof InvalidException ie ? ie.details()
            : List.of(new Violation("/", List.of(e.getMessage())));
        for (Violation v : vs) {
          errors.add(new Violation("/(" + i + ")" + (v.path().equals("/") ? "" : v.path()), v.errors()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidException(errors);
    }
    return apply(valid, List.of(), force, false, "/v2/apps");
  }

  /** DELETE /v2/apps/{id}. */
  public Outcome delete(String id, boolean force) {
    apps.get(id).orElseThrow(() -> ApiException.appNotFound(id));
    return apply(List.of(), List.of(id), force, false, "/v2/apps" + id);
  }

  /** POST /v2/apps/{id}/restart: a new version replacing every instance. */
  public Outcome restart(String id, boolean force) {
    AppDefinition app = apps.get(id).orElseThrow(() -> ApiException.appNotFound(id));
    return apply(List.of(app), List.of(), force, true, "/v2/apps" + id + "/restart");
  }

  /**
   * DELETE /v2/apps/{id}/tasks[/{taskId}]: kills the given tasks (all of the app's, or those on {@code host}, when
   * {@code taskIds} is null). With {@code scale} the app's instances drop by the number killed and the result
   * carries the stored version and the deployment; otherwise the killed tasks come back in {@link KillResult#tasks}.
   */
  public KillResult killTasks(String id, List<String> taskIds, String host, boolean scale, boolean wipe,
      boolean force) {
    AppDefinition app = apps.get(id).orElseThrow(() -> ApiException.appNotFound(id));
    if (taskIds != null && runtime.tasks().stream().noneMatch(t -> t.appId().equals(id) && taskIds.contains(t.id()))) {
      throw new ApiException(404, "Task '" + String.join(",", taskIds) + "' does not exist");
    }
    String h = host == null || host.equals("*") ? null : host;
    if (!scale) {
      return new KillResult(runtime.kill(id, taskIds == null ? List.of() : taskIds, h, false, wipe).killed(), null);
    }
    checkConflicts(Set.of(id), force);
    // Persist, then apply: the smaller definition is stored before the engine kills anything, so a failed write
    // changes nothing; the tasks counted are the ones then asked to be killed (by id, so the count holds).
    List<String> chosen = runtime.tasks().stream().filter(t -> t.appId().equals(id) && !STOPPING.contains(t.state())
        && (taskIds == null ? h == null || h.equals(t.host()) : taskIds.contains(t.id()))).map(TaskView::id).toList();
    if (chosen.isEmpty()) {
      return new KillResult(List.of(), null);
    }
    AppDefinition smaller = apps.put(app.withInstances(Math.max(0, app.instances() - chosen.size())));
    AppsRuntime.KillOutcome k;
    try {
      k = runtime.kill(id, chosen, null, true, wipe);
    } catch (RuntimeException e) {
      apps.restore(app);
      throw e;
    }
    Integer n = k.scaledTo().get(id);
    if (n == null) {
      apps.restore(app);
      return new KillResult(k.killed(), null);
    }
    if (n != smaller.instances()) {  // a chosen task ended meanwhile: store what the engine converges to
      smaller = apps.put(app.withInstances(n));
    }
    inFlight.put(k.deploymentId(), List.of(new AppChange(id, app, smaller, false)));
    return new KillResult(k.killed(), new Outcome(smaller.version(), k.deploymentId(), false, List.of(smaller)));
  }

  /** Task states that no longer count toward an app's instances when killing with scale. */
  private static final Set<String> STOPPING = Set.of("TASK_KILLING", "TASK_KILLED", "TASK_FINISHED", "TASK_FAILED",
      "TASK_ERROR", "TASK_LOST", "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR", "TASK_UNKNOWN");

  /** What a task kill did: the tasks killed, and the scale-down deployment when one was asked for. */
  public record KillResult(List<TaskView> tasks, Outcome scaled) {}

  /**
   * DELETE /v2/deployments/{id}: roll back (a new deployment to the previous definitions, which are stored again
   * as new versions) or, forced, abandon where it stands. Empty for an abandoned deployment.
   */
  public Optional<Outcome> cancelDeployment(String deploymentId, boolean force) {
    List<String> affected = runtime.deployments().stream().filter(d -> d.id().equals(deploymentId)).findFirst()
        .map(DeploymentView::affectedApps)
        .orElseThrow(() -> new ApiException(404, "DeploymentPlan " + deploymentId + " does not exist"));
    List<AppChange> changes = inFlight.get(deploymentId).orElseGet(() -> guessChanges(affected));
    String next = runtime.rollback(deploymentId, force)
        .orElseThrow(() -> new ApiException(404, "DeploymentPlan " + deploymentId + " does not exist"));
    inFlight.remove(deploymentId);
    if (force) {
      return Optional.empty();
    }
    List<AppDefinition> stored = new ArrayList<>();
    for (AppChange c : changes) {
      if (c.from() == null) {
        apps.delete(c.appId());
      } else {
        stored.add(apps.put(c.from().withVersion(null, null)));
      }
    }
    String version = stored.isEmpty() ? clock.get().toString() : stored.get(stored.size() - 1).version();
    return Optional.of(new Outcome(version, next, false, stored));
  }

  /** After a failover the changes of an older deployment are unknown: assume each app's previous version. */
  private List<AppChange> guessChanges(List<String> affected) {
    List<AppChange> out = new ArrayList<>();
    for (String id : affected) {
      List<String> versions = apps.versions(id);
      AppDefinition now = apps.get(id).orElse(null);
      AppDefinition before = versions.size() > 1 ? apps.version(id, versions.get(1)).orElse(null) : null;
      out.add(new AppChange(id, before, now, false));
    }
    return out;
  }

  /** POST /v2/groups or PUT /v2/groups/{id}: creates or replaces the group's apps, in dependency order. */
  public Outcome putGroup(String idFromPath, JsonNode body, boolean create, boolean force) {
    if (body != null && body.isObject() && body.hasNonNull("scaleBy") && idFromPath != null) {
      return scaleGroup(idFromPath, body.get("scaleBy"), force);
    }
    GroupParser.Parsed parsed = groupParser.parse(body, "/", idFromPath);
    boolean exists = groups.all().containsKey(parsed.id()) || !under(parsed.id()).isEmpty();
    if (create && exists) {
      throw new ApiException(409, "Group " + parsed.id() + " is already created. Use PUT to change this group.");
    }
    Set<String> kept = new HashSet<>();
    parsed.apps().forEach(a -> kept.add(a.id()));
    boolean replacesContent = body.has("apps") || body.has("groups");
    List<String> remove = !replacesContent ? List.of() : under(parsed.id()).stream().map(AppDefinition::id)
        .filter(a -> !kept.contains(a)).toList();
    checkConflicts(union(kept, remove), force);
    parsed.groups().forEach(groups::put);
    Outcome o = apply(parsed.apps(), remove, force, false, "/v2/groups" + parsed.id());
    return new Outcome(o.version(), o.deploymentId(), !exists, o.apps());
  }

  /** DELETE /v2/groups/{id}: removes every app below it and the group. */
  public Outcome deleteGroup(String id, boolean force) {
    List<String> remove = under(id).stream().map(AppDefinition::id).toList();
    if (remove.isEmpty() && !groups.all().containsKey(id)) {
      throw ApiException.groupNotFound(id);
    }
    checkConflicts(remove, force);
    groups.deleteTree(id);
    return apply(List.of(), remove, force, false, "/v2/groups" + id);
  }

  private Outcome scaleGroup(String id, JsonNode factor, boolean force) {
    if (!factor.isNumber() || factor.asDouble() < 0) {
      throw InvalidException.at("/scaleBy", "must be a number >= 0");
    }
    List<AppDefinition> scaled = under(id).stream()
        .map(a -> a.withInstances((int) Math.ceil(a.instances() * factor.asDouble()))).toList();
    if (scaled.isEmpty()) {
      throw ApiException.groupNotFound(id);
    }
    return apply(scaled, List.of(), force, false, "/v2/groups" + id);
  }

  /** Apps at or below group {@code id}. */
  public List<AppDefinition> under(String id) {
    String prefix = id.equals("/") ? "/" : id + "/";
    return apps.all().stream().filter(a -> a.id().startsWith(prefix)).toList();
  }

  private Outcome apply(List<AppDefinition> put, List<String> remove, boolean force, boolean restart, String uri) {
    Set<String> touched = new HashSet<>(remove);
    put.forEach(a -> touched.add(a.id()));
    checkConflicts(touched, force);
    List<AppChange> changes = new ArrayList<>();
    List<AppDefinition> stored = new ArrayList<>();
    boolean created = false;
    ServicePorts servicePorts = new ServicePorts(apps.all());
    for (AppDefinition app : DependencyOrder.sort(put, groups.all())) {
      AppDefinition before = apps.get(app.id()).orElse(null);
      created |= before == null;
      AppDefinition now = apps.put(servicePorts.assign(app, before));
      stored.add(now);
      changes.add(new AppChange(app.id(), before, now, restart));
    }
    for (String id : remove) {
      AppDefinition before = apps.get(id).orElseThrow();
      apps.delete(id);
      changes.add(new AppChange(id, before, null, false));
    }
    changes = DependencyOrder.forRuntime(changes, apps.all(), groups.all());
    String version = stored.isEmpty() ? clock.get().toString() : stored.get(stored.size() - 1).version();
    if (changes.isEmpty()) {
      return new Outcome(version, null, created, stored);
    }
    DeploymentView d;
    try {
      d = runtime.deploy(changes, version, force);
    } catch (RuntimeException e) {
      undo(changes);
      throw e;
    }
    inFlight.retain(runtime.deployments().stream().map(DeploymentView::id).toList());
    inFlight.put(d.id(), changes);
    for (AppDefinition a : stored) {
      events.accept(new AppEvent("api_post_event", clock.get().toString(), Map.of("uri", uri, "appDefinition", a)));
    }
    return new Outcome(version, d.id(), created, stored);
  }

  /** Puts back what {@link #apply} stored when the runtime refused the deployment (the request is refused). */
  private void undo(List<AppChange> changes) {
    for (AppChange c : changes) {
      if (c.from() == null) {
        apps.delete(c.appId());
      } else {
        apps.restore(c.from());
      }
    }
  }

  private void checkConflicts(Collection<String> ids, boolean force) {
    if (force) {
      return;
    }
    List<String> locked = runtime.deployments().stream()
        .filter(d -> d.affectedApps().stream().anyMatch(ids::contains)).map(DeploymentView::id).toList();
    if (!locked.isEmpty()) {
      throw new ConflictException(locked);
    }
  }

  private static JsonNode merged(Optional<AppDefinition> existing, String id, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      throw InvalidException.at("/", "must be a JSON object");
    }
    AppDefinition base = existing.orElseThrow(() -> ApiException.appNotFound(id));
    ObjectNode tree = (ObjectNode) AppJson.tree(base);
    // fields that replace each other: the patch's choice wins over the stored one
    String[][] rivals = {{"ports", "portDefinitions"}, {"cmd", "args"}};
    for (String[] pair : rivals) {
      for (int i = 0; i < 2; i++) {
        if (patch.has(pair[i]) && !patch.has(pair[1 - i])) {
          tree.remove(pair[1 - i]);
        }
      }
    }
    patch.fields().forEachRemaining(e -> tree.set(e.getKey(), e.getValue()));
    return tree;
  }

  private static boolean onlyVersion(JsonNode body) {
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("version") && !f.equals("id")) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> union(Collection<String> a, Collection<String> b) {
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return s;
  }
}
