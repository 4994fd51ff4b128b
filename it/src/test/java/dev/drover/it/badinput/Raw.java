package dev.drover.it.badinput;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Bodies that are not a definition at all: broken JSON, broken UTF-8, deep nesting, other formats. */
final class Raw {
  private Raw() {}

  /** A named body and the content type it is sent with. */
  record Body(String name, String contentType, byte[] bytes) {
    static Body json(String name, String text) {
      return new Body(name, "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final List<String> BROKEN_JSON = List.of("", " ", "{", "}", "[", "{\"id\":", "nul", "{\"a\" 1}",
      "{'id': 'x'}", "{\"id\": \"x\"} trailing", "{\"id\": \"x\",}", "[1,]", "\"str\"", "42", "null", "true",
      "{\"id\": \"\\uD800\"}", "{\"id\": \"\\x\"}", "{\"a\": 01}", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": -}",
      "/* c */ {}", "\u0000", "{\"id\": \"x\"}{\"id\": \"y\"}", "{\"id\": \"x\"]", "{\"id\" : \"\u0001\"", "{{}}",
      "{\"\": }", "\uFEFF{\"id\": ");

  static List<Body> bodies(boolean arrayEndpoint) {
    List<Body> all = new ArrayList<>();
    BROKEN_JSON.forEach(t -> all.add(Body.json("json " + t.replace("\u0000", "NUL"), t)));
    all.add(Body.json(arrayEndpoint ? "wrong shape {}" : "wrong shape []", arrayEndpoint ? "{\"id\": 1}" : "[]"));
    all.add(Body.json("wrong shape [[]]", "[[]]"));
    for (int[] bad : List.of(new int[] {0xC3, 0x28}, new int[] {0xFF, 0xFE}, new int[] {0xC0, 0xAF},
        new int[] {0x80}, new int[] {0xE2, 0x82}, new int[] {0xED, 0xA0, 0x80}, new int[] {0xF8, 0x88, 0x80, 0x80})) {
      all.add(new Body("utf-8 " + hex(bad), "application/json", utf8Broken(bad)));
    }
    all.add(new Body("utf-16", "application/json", "{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_16)));
    for (int depth : List.of(10_000, 50_000)) {
      all.add(Body.json("nested arrays " + depth, "[".repeat(depth) + "]".repeat(depth)));
      all.add(Body.json("nested objects " + depth, "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
      all.add(Body.json("nested in a field " + depth, "{\"id\": \"/x\", \"env\": " + "[".repeat(depth)
          + "]".repeat(depth) + "}"));
    }
    all.add(new Body("text/plain", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)));
    all.add(new Body("xml", "application/xml", "<app id=\"x\"/>".getBytes(StandardCharsets.UTF_8)));
    all.add(new Body("form", "application/x-www-form-urlencoded", "id=x&cmd=y".getBytes(StandardCharsets.UTF_8)));
    all.add(new Body("multipart", "multipart/form-data; boundary=zz",
        "--zz\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\nx\r\n--zz--\r\n".getBytes(StandardCharsets.UTF_8)));
    all.add(new Body("latin-1", "application/json; charset=ISO-8859-1",
        "{\"id\": \"caf\u00e9\", \"cmd\": 1e400}".getBytes(StandardCharsets.ISO_8859_1)));
    all.add(new Body("no content type", null, "garbage".getBytes(StandardCharsets.UTF_8)));
    all.add(new Body("binary", "application/octet-stream", new byte[] {0, 1, 2, (byte) 0xFF, 0x7B}));
    return all;
  }

  /** A body just over {@code limit} bytes: a definition whose command is a long string. */
  static Body huge(int limit) {
    String text = "{\"id\": \"/huge\", \"cmd\": \"" + "a".repeat(limit + 16) + "\"}";
    return Body.json("huge " + (limit / 1024) + " KiB + 40 bytes", text);
  }

  private static byte[] utf8Broken(int[] bad) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{\"id\": \"a".getBytes(StandardCharsets.UTF_8));
    for (int b : bad) {
      out.write(b);
    }
    out.writeBytes("b\", \"weight\": 1, \"agentId\": \"x".getBytes(StandardCharsets.UTF_8));
    for (int b : bad) {
      out.write(b);
    }
    out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static String hex(int[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (int b : bytes) {
      sb.append(String.format("%02X", b));
    }
    return sb.toString();
  }
}
