package dev.drover.apps.engine.spec;

import dev.drover.apps.engine.ContainerSpec;
import dev.drover.apps.engine.KillSelection;
import dev.drover.apps.engine.PortDefinition;
import dev.drover.apps.engine.PortMapping;
import dev.drover.apps.engine.RunSpec;
import dev.drover.apps.engine.UnreachableStrategy;
import dev.drover.apps.engine.UpgradeStrategy;
import dev.drover.sdk.Command;
import dev.drover.sdk.DockerSpec;
import dev.drover.sdk.HealthCheck;
import dev.drover.sdk.placement.Constraint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** The engine's own JSON for a {@link RunSpec} in its state store (not Marathon's app JSON). Stateless. */
public final class RunSpecCodec {
  private RunSpecCodec() {}

  public static JsonObject toJson(RunSpec s) {
    JsonObject o = new JsonObject().put("appId", s.appId()).put("version", s.version().toString())
        .put("instances", s.instances()).put("cpus", s.cpus()).put("mem", s.mem()).put("disk", s.disk())
        .put("cmd", s.cmd().orElse(null)).put("args", new JsonArray(new ArrayList<>(s.args())))
        .put("user", s.user().orElse(null)).put("env", Json.map(s.env())).put("labels", Json.map(s.labels()))
        .put("requirePorts", s.requirePorts()).put("backoffSeconds", s.backoffSeconds())
        .put("backoffFactor", s.backoffFactor()).put("maxLaunchDelaySeconds", s.maxLaunchDelaySeconds())
        .put("killSelection", s.killSelection().name())
        .put("minimumHealthCapacity", s.upgradeStrategy().minimumHealthCapacity())
        .put("maximumOverCapacity", s.upgradeStrategy().maximumOverCapacity())
        .put("taskKillGracePeriodSeconds", s.taskKillGracePeriodSeconds())
        .put("dependencies", new JsonArray(new ArrayList<>(s.dependencies())))
        .put("acceptedResourceRoles", new JsonArray(new ArrayList<>(s.acceptedResourceRoles())));
    s.unreachableStrategy().ifPresent(u -> o.put("unreachable", new JsonObject()
        .put("inactiveAfterSeconds", u.inactiveAfterSeconds()).put("expungeAfterSeconds", u.expungeAfterSeconds())));
    s.container().ifPresent(c -> o.put("container", container(c)));
    JsonArray pds = new JsonArray();
    s.portDefinitions().forEach(p -> pds.add(new JsonObject().put("port", p.port()).put("protocol", p.protocol())
        .put("name", p.name())));
    o.put("portDefinitions", pds);
    JsonArray cs = new JsonArray();
    s.constraints().forEach(c -> cs.add(constraint(c)));
    o.put("constraints", cs);
    JsonArray hcs = new JsonArray();
    s.healthChecks().forEach(h -> hcs.add(health(h)));
    o.put("healthChecks", hcs);
    return o;
  }

  public static RunSpec fromJson(JsonObject o) {
    var b = RunSpec.builder(o.getString("appId")).version(Json.instant(o, "version"))
        .instances(o.getInteger("instances")).cpus(o.getDouble("cpus")).mem(o.getDouble("mem"))
        .disk(o.getDouble("disk")).cmd(o.getString("cmd")).args(Json.strings(o, "args")).user(o.getString("user"))
        .env(Json.map(o, "env")).labels(Json.map(o, "labels")).requirePorts(o.getBoolean("requirePorts", false))
        .backoffSeconds(o.getDouble("backoffSeconds")).backoffFactor(o.getDouble("backoffFactor"))
        .maxLaunchDelaySeconds(o.getDouble("maxLaunchDelaySeconds"))
        .killSelection(KillSelection.valueOf(o.getString("killSelection")))
        .upgradeStrategy(new UpgradeStrategy(o.getDouble("minimumHealthCapacity"),
            o.getDouble("maximumOverCapacity")))
        .taskKillGracePeriodSeconds(o.getLong("taskKillGracePeriodSeconds", 0L))
        .dependencies(new LinkedHashSet<>(Json.strings(o, "dependencies")))
        .acceptedResourceRoles(Json.strings(o, "acceptedResourceRoles"));
    JsonObject u = o.getJsonObject("unreachable");
    b.unreachableStrategy(u == null ? null
        : new UnreachableStrategy(u.getLong("inactiveAfterSeconds"), u.getLong("expungeAfterSeconds")));
    JsonObject c = o.getJsonObject("container");
    if (c != null) {
      List<PortMapping> pms = new ArrayList<>();
      Json.objects(c, "portMappings").forEach(p -> pms.add(new PortMapping(p.getInteger("containerPort"),
          p.getInteger("hostPort"), p.getInteger("servicePort"), p.getString("protocol"), p.getString("name"))));
      b.container(new ContainerSpec(c.getString("image"), DockerSpec.Network.valueOf(c.getString("network")), pms,
          c.getBoolean("privileged", false), Json.map(c, "parameters"), c.getBoolean("forcePullImage", false)));
    }
    List<PortDefinition> pds = new ArrayList<>();
    Json.objects(o, "portDefinitions").forEach(p -> pds.add(new PortDefinition(p.getInteger("port"),
        p.getString("protocol"), p.getString("name"))));
    b.portDefinitions(pds);
    List<Constraint> cs = new ArrayList<>();
    JsonArray ca = o.getJsonArray("constraints", new JsonArray());
    for (int i = 0; i < ca.size(); i++) {
      List<String> parts = new ArrayList<>();
      ca.getJsonArray(i).forEach(v -> parts.add(String.valueOf(v)));
      cs.add(Constraint.parse(parts));
    }
    b.constraints(cs);
    List<HealthCheck> hcs = new ArrayList<>();
    Json.objects(o, "healthChecks").forEach(h -> hcs.add(health(h)));
    b.healthChecks(hcs);
    return b.build();
  }

  private static JsonObject container(ContainerSpec c) {
    JsonArray pms = new JsonArray();
    c.portMappings().forEach(p -> pms.add(new JsonObject().put("containerPort", p.containerPort())
        .put("hostPort", p.hostPort()).put("servicePort", p.servicePort()).put("protocol", p.protocol())
        .put("name", p.name())));
    return new JsonObject().put("image", c.image()).put("network", c.network().name()).put("portMappings", pms)
        .put("privileged", c.privileged()).put("parameters", Json.map(c.parameters()))
        .put("forcePullImage", c.forcePullImage());
  }

  /** A constraint as the array {@link Constraint#parse} reads. */
  public static JsonArray constraint(Constraint c) {
    JsonArray a = new JsonArray().add(c.field()).add(c.operator().name());
    if (c.value().isPresent() || c.soft()) {
      a.add(c.value().orElse(""));
    }
    if (c.soft()) {
      a.add(Constraint.SOFT);
    }
    return a;
  }

  private static JsonObject health(HealthCheck h) {
    JsonObject o = new JsonObject().put("protocol", h.protocol().name()).put("path", h.path()).put("port", h.port())
        .put("portIndex", h.portIndex()).put("gracePeriodMs", h.gracePeriod().toMillis())
        .put("intervalMs", h.interval().toMillis()).put("timeoutMs", h.timeout().toMillis())
        .put("maxConsecutiveFailures", h.maxConsecutiveFailures()).put("delayMs", h.delay().toMillis())
        .put("https", h.https());
    h.command().ifPresent(c -> {
      if (c instanceof Command.Shell sh) {
        o.put("shell", sh.command());
      } else if (c instanceof Command.Argv av) {
        o.put("argv", new JsonArray(new ArrayList<>(av.argv())));
      }
    });
    return o;
  }

  private static HealthCheck health(JsonObject o) {
    Optional<Command> cmd = o.getString("shell") != null ? Optional.of(Command.shell(o.getString("shell")))
        : o.getJsonArray("argv") != null ? Optional.of(new Command.Argv(Json.strings(o, "argv"))) : Optional.empty();
    return new HealthCheck(HealthCheck.Protocol.valueOf(o.getString("protocol")), o.getString("path"),
        o.getInteger("port"), o.getInteger("portIndex"), cmd, Duration.ofMillis(o.getLong("gracePeriodMs")),
        Duration.ofMillis(o.getLong("intervalMs")), Duration.ofMillis(o.getLong("timeoutMs")),
        o.getInteger("maxConsecutiveFailures"), Duration.ofMillis(o.getLong("delayMs")), o.getBoolean("https"));
  }
}
