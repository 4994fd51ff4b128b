package dev.drover.apps.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Checks and normalizes {@code container}, {@code portDefinitions}/{@code ports} and {@code networks}. */
final class ContainerChecks {
  private static final Set<String> CONTAINER = Set.of("type", "docker", "portMappings", "volumes");
  private static final Set<String> DOCKER = Set.of("image", "network", "portMappings", "privileged", "parameters",
      "forcePullImage", "pullConfig", "credential");
  private static final Set<String> MAPPING = Set.of("containerPort", "hostPort", "servicePort", "protocol", "name",
      "labels", "networkNames");
  private static final Set<String> PORT_DEF = Set.of("port", "protocol", "name", "labels");
  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "udp,tcp", "tcp,udp");

  private ContainerChecks() {}

  static void container(ObjectNode app, Checks c) {
    JsonNode n = app.get("container");
    if (!c.object(n, "/container")) {
      return;
    }
    ObjectNode container = (ObjectNode) n;
    c.fields(container, "/container", CONTAINER, Set.of());
    c.oneOf(container.get("type"), "/container/type", Set.of("DOCKER", "MESOS"));
    JsonNode volumes = container.get("volumes");
    if (c.array(volumes, "/container/volumes") && !volumes.isEmpty()) {
      c.add("/container/volumes", "volumes are not supported by Drover");
    }
    container.remove("volumes");
    JsonNode docker = container.get("docker");
    if (c.object(docker, "/container/docker")) {
      docker((ObjectNode) docker, container, c);
    } else if ("DOCKER".equals(container.path("type").asText("DOCKER"))) {
      c.add("/container/docker", "a DOCKER container needs docker.image");
    }
    mappings(container.get("portMappings"), "/container/portMappings", c);
  }

  private static void docker(ObjectNode docker, ObjectNode container, Checks c) {
    c.fields(docker, "/container/docker", DOCKER, Set.of());
    for (String unsupported : new String[] {"pullConfig", "credential"}) {
      if (docker.has(unsupported)) {
        c.add("/container/docker/" + unsupported, "not supported by Drover");
      }
    }
    JsonNode image = docker.get("image");
    if (image == null || !image.isTextual() || image.asText().isBlank()) {
      c.add("/container/docker/image", "must not be empty");
    }
    c.oneOf(docker.get("network"), "/container/docker/network", Set.of("HOST", "BRIDGE", "NONE"));
    c.bool(docker.get("privileged"), "/container/docker/privileged");
    c.bool(docker.get("forcePullImage"), "/container/docker/forcePullImage");
    JsonNode params = docker.get("parameters");
    if (c.array(params, "/container/docker/parameters")) {
      for (int i = 0; i < params.size(); i++) {
        String p = "/container/docker/parameters(" + i + ")";
        if (c.object(params.get(i), p)) {
          c.fields((ObjectNode) params.get(i), p, Set.of("key", "value"), Set.of());
          for (String f : new String[] {"key", "value"}) {
            JsonNode v = params.get(i).get(f);
            if (v == null || !v.isTextual()) {
              c.add(p + "/" + f, "must be a string");
            }
          }
        } else if (params.get(i).isNull()) {
          c.add(p, "must be an object");
        }
      }
    }
    JsonNode legacy = docker.remove("portMappings");  // Marathon < 1.5 kept them under docker
    if (legacy != null && !legacy.isNull()) {
      if (container.hasNonNull("portMappings")) {
        c.add("/container/docker/portMappings", "give portMappings in container or in docker, not both");
      } else {
        container.set("portMappings", legacy);
      }
    }
  }

  private static void mappings(JsonNode n, String path, Checks c) {
    if (!c.array(n, path)) {
      return;
    }
    for (int i = 0; i < n.size(); i++) {
      String p = path + "(" + i + ")";
      if (!c.object(n.get(i), p)) {
        continue;
      }
      ObjectNode m = (ObjectNode) n.get(i);
      c.fields(m, p, MAPPING, Set.of());
      m.remove("networkNames");
      c.integer(m.get("containerPort"), p + "/containerPort", 0, 65535);
      c.integer(m.get("hostPort"), p + "/hostPort", 0, 65535);
      c.integer(m.get("servicePort"), p + "/servicePort", 0, 65535);
      c.oneOf(m.get("protocol"), p + "/protocol", PROTOCOLS);
      c.text(m.get("name"), p + "/name");
      c.stringMap(m.get("labels"), p + "/labels");
    }
  }

  /** Legacy {@code ports} become port definitions; {@code networks} becomes the docker network. */
  static void ports(ObjectNode app, Checks c) {
    JsonNode ports = app.remove("ports");
    if (ports != null && !ports.isNull()) {
      if (app.hasNonNull("portDefinitions")) {
        c.add("/ports", "give ports or portDefinitions, not both");
      } else if (c.array(ports, "/ports")) {
        ArrayNode defs = app.putArray("portDefinitions");
        for (int i = 0; i < ports.size(); i++) {
          c.integer(ports.get(i), "/ports(" + i + ")", 0, 65535);
          defs.addObject().set("port", ports.get(i));
        }
      }
    }
    JsonNode defs = app.get("portDefinitions");
    if (c.array(defs, "/portDefinitions")) {
      for (int i = 0; i < defs.size(); i++) {
        String p = "/portDefinitions(" + i + ")";
        if (c.object(defs.get(i), p)) {
          c.fields((ObjectNode) defs.get(i), p, PORT_DEF, Set.of());
          c.integer(defs.get(i).get("port"), p + "/port", 0, 65535);
          c.oneOf(defs.get(i).get("protocol"), p + "/protocol", PROTOCOLS);
          c.text(defs.get(i).get("name"), p + "/name");
          c.stringMap(defs.get(i).get("labels"), p + "/labels");
        }
      }
    }
    networks(app, c);
  }

  private static void networks(ObjectNode app, Checks c) {
    JsonNode networks = app.remove("networks");
    if (!c.array(networks, "/networks")) {
      return;
    }
    for (int i = 0; i < networks.size(); i++) {
      String mode = networks.get(i).path("mode").asText("host");
      switch (mode) {
        case "host" -> { }
        case "container/bridge" -> {
          JsonNode docker = app.path("container").path("docker");
          if (docker.isObject() && !docker.has("network")) {
            ((ObjectNode) docker).put("network", "BRIDGE");
          }
        }
        default -> c.add("/networks(" + i + ")/mode", "only host and container/bridge are supported by Drover");
      }
    }
  }
}
