package dev.drover.it.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A valid body made invalid: some fields set to values of the wrong type or out of range, or removed, plus optional
 * unknown extra fields. {@link #fields()} names what the error should mention.
 */
record Mutation(String body, List<String> fields) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A change to one field: a bad literal, or (when {@code literal} is null) its removal. */
  record Change(Field field, String literal) {}

  /**
   * Bodies made from {@code seed} by 1–3 changes to {@code fields} (bad values) or removals of {@code required},
   * with 0–2 unknown extra fields.
   */
  static Arbitrary<Mutation> of(String seed, List<Field> fields, List<Field> required) {
    List<Change> all = new ArrayList<>();
    for (Field f : fields) {
      f.kind().bad.forEach(v -> all.add(new Change(f, v)));
    }
    required.forEach(f -> all.add(new Change(f, null)));
    Arbitrary<List<Change>> changes = Arbitraries.of(all).list().ofMinSize(1).ofMaxSize(3)
        .filter(Mutation::independent);
    Arbitrary<Map<String, String>> extras = Arbitraries.maps(
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(s -> "zz" + s),
        Arbitraries.of("1", "\"x\"", "{\"a\": [1, {}]}", "null", "[]", "-1e400", "true")).ofMaxSize(2);
    return Combinators.combine(changes, extras).as((c, e) -> build(seed, c, e));
  }

  /** No change touches a field inside (or equal to) another change's field. */
  static boolean independent(List<Change> changes) {
    for (Change a : changes) {
      for (Change b : changes) {
        if (a != b && (a.field().pointer() + "/").startsWith(b.field().pointer() + "/")) {
          return false;
        }
      }
    }
    return true;
  }

  static Mutation build(String seed, List<Change> changes, Map<String, String> extras) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(seed);
      List<String> literals = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (Change c : changes) {
        names.add(c.field().name());
        String pointer = c.field().pointer();
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = cut == 0 ? root : root.at(pointer.substring(0, cut));
        String key = pointer.substring(cut + 1);
        if (c.literal() == null) {
          if (parent instanceof ObjectNode o) {
            o.remove(key);
          }
          continue;
        }
        String token = "@@BAD" + literals.size() + "@@";
        literals.add(c.literal());
        if (parent instanceof ObjectNode o) {
          o.put(key, token);
        } else if (parent instanceof ArrayNode a) {
          a.set(Integer.parseInt(key), a.textNode(token));
        } else {
          throw new IllegalArgumentException("no parent for " + pointer + " in " + seed);
        }
      }
      List<String> extraLiterals = new ArrayList<>();
      extras.forEach((k, v) -> {
        root.put(k, "@@EXTRA" + extraLiterals.size() + "@@");
        extraLiterals.add(v);
      });
      String text = JSON.writeValueAsString(root);
      for (int i = 0; i < literals.size(); i++) {
        text = text.replace("\"@@BAD" + i + "@@\"", literals.get(i));
      }
      for (int i = 0; i < extraLiterals.size(); i++) {
        text = text.replace("\"@@EXTRA" + i + "@@\"", extraLiterals.get(i));
      }
      return new Mutation(text, List.copyOf(names));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** This body inside a wrapper, e.g. {@code "[%s]"} or a group. */
  Mutation wrapped(String format) {
    return new Mutation(format.replace("%s", body), fields);
  }

  @Override
  public String toString() {
    return (body.length() > 400 ? body.substring(0, 400) + "…" : body) + " fields " + fields;
  }
}
