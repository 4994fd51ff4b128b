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
       "container": {"type": "DOCKER", "docker": {"image": "i", "network": "HOST",
                     "parameters": [{"key": "k", "value": "v"}]},
                     "portMappings": []},
       "upgradeStrategy": {"minimumHealthCapacity": 0.5}, "unreachableStrategy": {"inactiveAfterSeconds": 1},
       "dependencies": ["/p/db"], "killSelection": "OLDEST_FIRST", "backoffFactor": 2}""";

  @Property(tries = 3000)
  void neverThrowsAnythingButInvalid(@ForAll("mutations") List<Mutation> mutations) throws Exception {
    ObjectNode app = (ObjectNode) AppJson.MAPPER.readTree(VALID);
    for (Mutation m : mutations) {
      m.apply(app);
    }
    try {
      // a valid app must also convert to the engine's spec: conversion failures would be 500s at deploy time
      dev.drover.apps.runtime.RunSpecs.of(new AppValidator().validate(app, "/", null)
          .withVersion("2026-01-01T00:00:00.000Z", null));
    } catch (InvalidException expected) {
      if (expected.details().isEmpty()) {
        throw new AssertionError("an InvalidException without details");
      }
    }
  }

  /** Replaces the {@code selector}-th value of the tree (depth first, objects' fields and arrays' elements). */
  record Mutation(int selector, JsonNode value) {
    void apply(ObjectNode root) {
      List<Runnable> slots = new java.util.ArrayList<>();
      collect(root, slots);
      slots.get(Math.floorMod(selector, slots.size())).run();
    }

    private void collect(JsonNode node, List<Runnable> slots) {
      if (node instanceof ObjectNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
          slots.add(() -> o.set(n, value.deepCopy()));
          collect(o.get(n), slots);
        }
      } else if (node instanceof ArrayNode a) {
        for (int i = 0; i < a.size(); i++) {
          int at = i;
          slots.add(() -> a.set(at, value.deepCopy()));
          collect(a.get(i), slots);
        }
        slots.add(() -> a.add(value.deepCopy()));
      }
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Integer> selector = Arbitraries.integers().between(0, 99);
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
    return Combinators.combine(selector, value).as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
  }

  private static ArrayNode arrayOfArrays() {
    ArrayNode a = F.arrayNode();
    a.addArray().add("hostname").add(1);
    a.add(F.nullNode());
    a.addObject();
    return a;
  }

}
