package dev.drover.it.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one check every bad-input case makes: the request is answered with a 4xx carrying a reason (naming one of the
 * expected fields when it is a 400 or 422), and the stored state read back before and after is the same — which also
 * shows the service still answers.
 */
final class Refusal {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Refusal() {}

  /** Sends {@code req}, counted under {@code endpoint}, and checks it was refused and changed nothing. */
  static Http.Res check(String endpoint, Http.Req req, Supplier<String> state, List<String> fields) {
    return check(endpoint, req, () -> Http.send(req), state, fields);
  }

  /** As above, with the request sent by {@code send} ({@code req} only describes it). */
  static Http.Res check(String endpoint, Object req, Supplier<Http.Res> send, Supplier<String> state,
      List<String> fields) {
    String before = state.get();
    Http.Res res = send.get();
    Tally.count(endpoint);
    String what = req + " -> " + res.status() + " " + abbreviate(res.body());
    assertTrue(res.status() >= 400 && res.status() < 500, "not a 4xx: " + what);
    assertFalse(res.body() == null || res.body().isBlank(), "no reason given: " + what);
    if (!fields.isEmpty() && (res.status() == 400 || res.status() == 422)) {
      assertTrue(fields.stream().anyMatch(f -> res.body().contains(f)), "the reason names none of " + fields + ": "
          + what);
    }
    assertEquals(before, state.get(), "stored state changed after " + what);
    return res;
  }

  /** A GET of {@code url} as JSON without the keys that change on their own (counts, timestamps, live tasks). */
  static String stable(String url, Set<String> volatileKeys) {
    try {
      JsonNode n = JSON.readTree(Http.getOk(url));
      strip(n, volatileKeys);
      return JSON.writeValueAsString(n);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void strip(JsonNode n, Set<String> keys) {
    if (n instanceof ObjectNode o) {
      o.remove(keys);
      o.forEach(c -> strip(c, keys));
    } else if (n instanceof ArrayNode a) {
      a.forEach(c -> strip(c, keys));
    }
  }

  static String abbreviate(String s) {
    return s == null ? "null" : s.length() > 500 ? s.substring(0, 500) + "…" : s;
  }
}
