package dev.drover.it.badinput;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Generated escapes from a task's sandbox through the agent's files API: {@code ..} plain and percent-encoded,
 * absolute paths, symlinks inside the sandbox that point out of it, NUL bytes, odd ids, bad offsets and lengths.
 * Every one is a 4xx that never shows what lies outside.
 */
class AgentFilesBadInputTest {
  private static final List<String> ESCAPES = List.of("..", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "escape", "up",
      "a%00b", "stdout%00", "%00", "up%2Fsecret", "sub%2F..%2F..%2F..", "%2e%2e%2f%2e%2e%2fsecret");
  /** Only an escape at the start of the path. */
  private static final List<String> ABSOLUTE = List.of("/etc/passwd", "%2Fetc%2Fpasswd", "%2F", "//", "/",
      "%2F%2F", "/proc/self/environ", "~/");
  private static final List<String> FINE = List.of("sub", "inner", "stdout", ".", "x", "%252e%252e", "~", "*");

  private final BadEnv env = BadEnv.get();

  /** The sandboxes' file names and the secret: nothing the API does may change them. */
  private String state() {
    try (Stream<Path> all = Files.walk(env.sandboxRoot)) {
      return all.map(p -> env.sandboxRoot.relativize(p).toString()).sorted().collect(Collectors.joining(","))
          + Files.readString(env.sandboxRoot.getParent().resolve("secret"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<String> path() {
    Arbitrary<String> escape = Arbitraries.of(ESCAPES);
    Arbitrary<String> part = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, escape), net.jqwik.api.Tuple.of(2, Arbitraries.of(FINE)));
    return Combinators.combine(part.list().ofMaxSize(3), escape, part.list().ofMaxSize(2),
        Arbitraries.of("", "", "/", "secret", "%00", "/.."), Arbitraries.of(ABSOLUTE).injectNull(0.7))
        .as((before, bad, after, tail, absolute) -> {
          StringBuilder sb = new StringBuilder(absolute == null ? "" : absolute);
          Stream.concat(Stream.concat(before.stream(), Stream.of(bad)), after.stream())
              .forEach(s -> sb.append(sb.length() == 0 ? "" : "/").append(s));
          return sb + tail;
        });
  }

  @Provide
  Arbitrary<String> ids() {
    Arbitrary<String> bad = Arbitraries.of("..", "%2e%2e", ".", "fw-1%2F..", "fw-1%2F..%2F..", "%00", "a%00b",
        "..%5C..", "%2F", "%2Fetc");
    return Arbitraries.oneOf(bad.map(b -> b + "/t1"), bad.map(b -> "fw-1/" + b), bad.map(b -> b + "/" + b));
  }

  @Provide
  Arbitrary<String> numbers() {
    Arbitrary<String> bad = Arbitraries.of("-1", "-9223372036854775808", "9223372036854775808", "abc", "1e3", "0x10",
        "1.5", "%00", "-0.0");
    return Combinators.combine(Arbitraries.of("offset", "length"), bad).as((k, v) -> k + "=" + v);
  }

  private void refused(String endpoint, String url, List<String> fields) {
    Http.Res r = Refusal.check(endpoint, Http.Req.get(url), this::state, fields);
    assertFalse(r.body().contains(BadEnv.SECRET), "the secret leaked: " + url);
    assertFalse(r.body().contains("root:"), "/etc/passwd leaked: " + url);
  }

  @Property(tries = 600, shrinking = ShrinkingMode.OFF)
  void readOutsideTheSandbox(@ForAll("path") String path) {
    refused("GET /files/{fw}/{task}/read", env.agent() + "/files/fw-1/t1/read?path=" + path, List.of("path"));
  }

  @Property(tries = 500, shrinking = ShrinkingMode.OFF)
  void browseOutsideTheSandbox(@ForAll("path") String path) {
    refused("GET /files/{fw}/{task}/browse", env.agent() + "/files/fw-1/t1/browse?path=" + path, List.of("path"));
  }

  @Property(tries = 300, shrinking = ShrinkingMode.OFF)
  void followOutsideTheSandbox(@ForAll("path") String path) {
    refused("GET /files/{fw}/{task}/follow", env.agent() + "/files/fw-1/t1/follow?path=" + path, List.of("path"));
  }

  @Property(tries = 200, shrinking = ShrinkingMode.OFF)
  void badIds(@ForAll("ids") String ids) {
    refused("GET /files/{fw}/{task}/* (ids)", env.agent() + "/files/" + ids + "/read?path=stdout", List.of());
  }

  @Property(tries = 200, shrinking = ShrinkingMode.OFF)
  void badOffsets(@ForAll("numbers") String numbers, @ForAll boolean follow) {
    String route = follow ? "follow" : "read";
    String param = follow ? numbers.replace("length=", "offset=") : numbers;  // follow has no length
    refused("GET /files/{fw}/{task}/" + route + " (offset, length)",
        env.agent() + "/files/fw-1/t1/" + route + "?path=stdout&" + param, List.of("offset", "length"));
  }
}
