package dev.drover.apps.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.apps.model.AppJson;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a client sends, validation answers with an app or with violations: never another exception (a 500). */
class AppValidatorPropertyTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String VALID = """
      {"id": "/p/web", "cmd": "x", "instances": 2, "cpus": 0.5, "mem": 64, "env": {"A": "b"},
       "labels": {"l": "v"}, "portDefinitions": [{"port": 0}], "constraints": [["hostname", "UNIQUE"]],
       "healthChecks": [{"protocol": "HTTP", "path": "/", "portIndex": 0}],
       "container": {"type": "DOCKER", "docker": {"image": "i", "network": "HOST", "parameters": []},
                     "portMappings": []},
       "upgradeStrategy": {"minimumHealthCapacity": 0.5}, "unreachableStrategy": {"inactiveAfterSeconds": 1},
       "dependencies": ["/p/db"], "killSelection": "OLDEST_FIRST", "backoffFactor": 2}""";

  @Property(tries = 500)
  void neverThrowsAnythingButInvalid(@ForAll("mutations") List<Mutation> mutations) throws Exception {
    ObjectNode app = (ObjectNode) AppJson.MAPPER.readTree(VALID);
    for (Mutation m : mutations) {
      m.apply(app);
    }
    try {
      new AppValidator().validate(app, "/", null);
    } catch (InvalidException expected) {
      if (expected.details().isEmpty()) {
        throw new AssertionError("an InvalidException without details");
      }
    }
  }

  /** Replaces the value at a path (top-level field, or a field of a nested object or array element). */
  record Mutation(List<String> path, JsonNode value) {
    void apply(ObjectNode root) {
      JsonNode at = root;
      for (int i = 0; i < path.size() - 1; i++) {
        JsonNode next = at.isArray() ? at.path(0) : at.path(path.get(i));
        if (next.isMissingNode() || !(next.isObject() || next.isArray())) {
          break;
        }
        at = next;
      }
      String last = path.get(path.size() - 1);
      if (at.isObject()) {
        ((ObjectNode) at).set(last, value);
      } else if (at.isArray() && !at.isEmpty()) {
        ((ArrayNode) at).set(0, value);
      }
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<String> field = Arbitraries.of("id", "cmd", "args", "instances", "cpus", "mem", "disk", "gpus", "env",
        "labels", "container", "docker", "image", "network", "portMappings", "portDefinitions", "ports", "port",
        "containerPort", "hostPort", "protocol", "constraints", "healthChecks", "path", "portIndex", "command",
        "value", "intervalSeconds", "timeoutSeconds", "upgradeStrategy", "minimumHealthCapacity",
        "unreachableStrategy", "expungeAfterSeconds", "dependencies", "killSelection", "backoffFactor", "version",
        "networks", "mode", "fetch", "executor", "requirePorts", "parameters", "key", "bogus");
    Arbitrary<List<String>> path = field.list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<JsonNode> value = Arbitraries.oneOf(
        Arbitraries.just(F.nullNode()),
        Arbitraries.integers().map(i -> (JsonNode) F.numberNode(i)),
        Arbitraries.doubles().map(d -> (JsonNode) F.numberNode(d)),
        Arbitraries.longs().map(l -> (JsonNode) F.numberNode(l)),
        Arbitraries.strings().ofMaxLength(12).map(s -> (JsonNode) F.textNode(s)),
        Arbitraries.of("HTTP", "COMMAND", "BRIDGE", "../..", "/a/b", "UNIQUE", "disabled", "container/bridge")
            .map(s -> (JsonNode) F.textNode(s)),
        Arbitraries.of(true, false).map(b -> (JsonNode) F.booleanNode(b)),
        Arbitraries.just(F.objectNode()),
        Arbitraries.just(F.arrayNode()),
        Arbitraries.strings().ofMaxLength(6).list().ofMaxSize(4).map(l -> {
          ArrayNode a = F.arrayNode();
          l.forEach(a::add);
          return (JsonNode) a;
        }),
        Arbitraries.just((JsonNode) arrayOfArrays()));
    return Combinators.combine(path, value).as(Mutation::new).list().ofMinSize(1).ofMaxSize(6);
  }

  private static ArrayNode arrayOfArrays() {
    ArrayNode a = F.arrayNode();
    a.addArray().add("hostname").add(1);
    a.add(F.nullNode());
    a.addObject();
    return a;
  }

}
