package dev.drover.master.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.master.state.StateSnapshot;
import dev.drover.model.Resources;
import dev.drover.zk.LeaderInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Renders a {@link StateSnapshot} as the operator JSON of {@code /api/v1/state} and its slices. */
final class StateJson {
  private final ObjectMapper json;

  StateJson(ObjectMapper json) {
    this.json = json;
  }

  ObjectNode state(String masterId, String hostname, LeaderInfo leader, StateSnapshot s) {
    ObjectNode root = json.createObjectNode();
    root.put("id", masterId);
    root.put("hostname", hostname);
    ObjectNode l = root.putObject("leader");
    l.put("id", leader.id());
    l.put("host", leader.host());
    l.put("grpcPort", leader.grpcPort());
    l.put("httpPort", leader.httpPort());
    root.set("agents", agents(s));
    root.set("frameworks", frameworks(s));
    root.set("tasks", tasks(s));
    return root;
  }

  /**
   * The masters, the leader first: {id, role: leader|standby, leader, host, grpcPort, httpPort} (addresses as each
   * master published them; always known for this one). This master answers only while it leads, so it is listed as
   * the leader even when ZooKeeper's view has not caught up.
   */
  ArrayNode masters(LeaderInfo self, List<ZkDirectory.MasterView> views) {
    ArrayNode out = json.createArrayNode();
    List<ZkDirectory.MasterView> all = new ArrayList<>();
    all.add(new ZkDirectory.MasterView(self.id(), true, Optional.of(self)));
    views.stream().filter(v -> !v.id().equals(self.id()))
        .map(v -> new ZkDirectory.MasterView(v.id(), false, v.address())).forEach(all::add);
    for (ZkDirectory.MasterView v : all) {
      ObjectNode n = out.addObject();
      n.put("id", v.id());
      n.put("role", v.leader() ? "leader" : "standby");
      n.put("leader", v.leader());
      v.address().ifPresent(a -> {
        n.put("host", a.host());
        n.put("grpcPort", a.grpcPort());
        n.put("httpPort", a.httpPort());
      });
    }
    return out;
  }

  ArrayNode agents(StateSnapshot s) {
    ArrayNode out = json.createArrayNode();
    for (StateSnapshot.AgentView a : s.agents()) {
      ObjectNode n = out.addObject();
      n.put("id", a.id());
      n.put("hostname", a.hostname());
      n.put("port", a.port());
      n.put("active", a.active());
      n.put("state", a.state().name());
      n.set("resources", resources(a.resources()));
      n.set("used", resources(a.used()));
      ObjectNode attrs = n.putObject("attributes");
      a.attributes().forEach(attrs::put);
    }
    return out;
  }

  ArrayNode frameworks(StateSnapshot s) {
    ArrayNode out = json.createArrayNode();
    for (StateSnapshot.FrameworkView f : s.frameworks()) {
      ObjectNode n = out.addObject();
      n.put("id", f.id());
      n.put("name", f.name());
      f.roles().forEach(n.putArray("roles")::add);
      n.put("active", f.active());
      n.put("tasks", f.tasks());
    }
    return out;
  }

  ArrayNode tasks(StateSnapshot s) {
    return tasks(s.tasks());
  }

  ArrayNode tasks(List<StateSnapshot.TaskView> views) {
    ArrayNode out = json.createArrayNode();
    for (StateSnapshot.TaskView t : views) {
      ObjectNode n = out.addObject();
      n.put("id", t.id());
      n.put("name", t.name());
      n.put("frameworkId", t.frameworkId());
      n.put("agentId", t.agentId());
      n.put("state", "TASK_" + t.state().name());
      n.set("resources", resources(t.resources()));
    }
    return out;
  }

  /** Scalars as numbers, ranges and sets in their text form: {@code "ports":"[31000-32000]"}. */
  ObjectNode resources(Resources r) {
    ObjectNode n = json.createObjectNode();
    for (String name : r.scalarNames()) {
      n.put(name, r.scalar(name));
    }
    for (String name : r.rangeNames()) {
      n.put(name, r.ranges(name).toString());
    }
    for (String name : r.setNames()) {
      n.put(name, "{" + String.join(",", r.set(name)) + "}");
    }
    return n;
  }
}
