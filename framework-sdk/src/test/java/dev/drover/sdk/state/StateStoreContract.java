package dev.drover.sdk.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link StateStore} shares; each implementation's test extends it. */
abstract class StateStoreContract {
  abstract StateStore store();

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putGetDeleteList() {
    StateStore s = store();
    assertEquals(Optional.empty(), s.get("apps/a"));
    assertEquals(0, s.put("apps/a", b("1")));
    assertEquals(1, s.put("apps/a", b("2")));
    s.put("apps/b", b("x"));
    s.put("jobs/c", b("y"));
    s.put(".", b("dot"));
    assertArrayEquals(b("2"), s.get("apps/a").orElseThrow().value());
    assertEquals(List.of("apps/a", "apps/b"), s.list("apps/"));
    assertEquals(4, s.list("").size());
    assertTrue(s.delete("apps/a"));
    assertFalse(s.delete("apps/a"));
    assertEquals(List.of("apps/b"), s.list("apps/"));
  }

  @Test
  void compareAndSetChecksTheVersion() {
    StateStore s = store();
    assertEquals(Optional.of(0L), s.compareAndSet("k", StateStore.ABSENT, b("a")));
    assertEquals(Optional.empty(), s.compareAndSet("k", StateStore.ABSENT, b("b")));
    assertEquals(Optional.empty(), s.compareAndSet("k", 5, b("b")));
    assertEquals(Optional.of(1L), s.compareAndSet("k", 0, b("b")));
    assertEquals(new Versioned("k", b("b"), 1), s.get("k").orElseThrow());
    assertEquals(Optional.empty(), s.compareAndSet("missing", 0, b("b")));
  }

  @Test
  void compareAndSetAllWritesEachOnItsOwnTerms() {
    StateStore s = store();
    s.put("first", b("x"));  // the store's root exists, as it does after any write
    List<StateStore.Write> creates = new java.util.ArrayList<>();
    for (int i = 0; i < 450; i++) {
      creates.add(new StateStore.Write("i/" + i, StateStore.ABSENT, b("v" + i)));
    }
    List<Optional<Long>> created = s.compareAndSetAll(creates);
    assertEquals(450, created.size());
    assertTrue(created.stream().allMatch(v -> v.equals(Optional.of(0L))), created.toString());
    assertArrayEquals(b("v449"), s.get("i/449").orElseThrow().value());
    List<Optional<Long>> mixed = s.compareAndSetAll(List.of(new StateStore.Write("i/0", 0, b("w0")),
        new StateStore.Write("i/1", 7, b("w1")), new StateStore.Write("i/2", StateStore.ABSENT, b("w2")),
        new StateStore.Write("new", StateStore.ABSENT, b("n"))));
    assertEquals(List.of(Optional.of(1L), Optional.empty(), Optional.empty(), Optional.of(0L)), mixed);
    assertArrayEquals(b("w0"), s.get("i/0").orElseThrow().value());
    assertArrayEquals(b("v1"), s.get("i/1").orElseThrow().value(), "a write whose version did not match is not made");
    assertArrayEquals(b("n"), s.get("new").orElseThrow().value());
    assertEquals(List.of(), s.compareAndSetAll(List.of()));
  }
}
