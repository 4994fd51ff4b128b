package dev.drover.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Firefox (Debian's {@code firefox-esr}, installed by scripts/browser-setup.sh) driven over WebDriver BiDi,
 * the W3C protocol Firefox speaks by itself on {@code --remote-debugging-port}: no geckodriver, which Debian does not
 * package and which would have to be downloaded. Clicks and typing are real input actions (pointer and keys), not
 * synthetic DOM events. JavaScript errors the pages log are collected ({@link #errors()}). Without Firefox a test is
 * skipped, unless {@code DROVER_REQUIRE_BROWSER=1}. Screenshots go to {@code target/ui-screenshots/}. One per test.
 */
final class Firefox implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> BINARIES = List.of("/usr/bin/firefox-esr", "/usr/bin/firefox");
  private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");

  private final Process process;
  private final WebSocket socket;
  private final String base;
  private final Path shots;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private String context;

  private Firefox(Process process, String ws, String base, Path shots) throws Exception {
    this.process = process;
    this.base = base;
    this.shots = shots;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(URI.create(ws + "/session"), new Listener()).get(10, TimeUnit.SECONDS);
    send("session.new", JSON.createObjectNode().set("capabilities", JSON.createObjectNode()));
    send("session.subscribe", JSON.createObjectNode().set("events", JSON.createArrayNode().add("log.entryAdded")));
    context = send("browsingContext.getTree", JSON.createObjectNode()).path("contexts").get(0).path("context")
        .asText();
    ObjectNode viewport = JSON.createObjectNode().put("context", context);
    viewport.putObject("viewport").put("width", 1366).put("height", 850);
    send("browsingContext.setViewport", viewport);
  }

  static Optional<Path> binary() {
    String given = System.getenv("FIREFOX_BIN");
    if (given != null && !given.isBlank() && Files.isExecutable(Path.of(given))) {
      return Optional.of(Path.of(given));
    }
    return BINARIES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /** Skips the calling test when no Firefox is installed (fails instead with DROVER_REQUIRE_BROWSER=1). */
  static void require() {
    if (binary().isEmpty()) {
      String why = "no firefox-esr installed (scripts/browser-setup.sh)";
      if ("1".equals(System.getenv("DROVER_REQUIRE_BROWSER"))) {
        throw new IllegalStateException("DROVER_REQUIRE_BROWSER=1 but " + why);
      }
      Assumptions.abort(why + "; set DROVER_REQUIRE_BROWSER=1 to fail instead of skipping");
    }
  }

  /** Starts Firefox with a fresh profile under {@code scratch} and opens a session on {@code base}. */
  static Firefox open(String base, Path scratch) throws Exception {
    require();
    Path profile = Files.createDirectories(scratch.resolve("firefox-profile"));
    // No network of its own: the test cluster is all it may reach.
    Files.writeString(profile.resolve("user.js"), String.join("\n",
        "user_pref(\"app.update.enabled\", false);",
        "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
        "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
        "user_pref(\"services.settings.server\", \"http://127.0.0.1:9/\");",
        "user_pref(\"network.captive-portal-service.enabled\", false);",
        "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");", ""));
    Process process = new ProcessBuilder(binary().orElseThrow().toString(), "--headless", "--no-remote",
        "--profile", profile.toString(), "--remote-debugging-port=0", "about:blank")
        .redirectErrorStream(true).start();
    String ws = awaitListening(process, scratch.resolve("firefox.log"));
    Path shots = Files.createDirectories(Path.of(System.getProperty("drover.it.screenshots",
        "target/ui-screenshots")));
    try {
      return new Firefox(process, ws, base, shots);
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Reads Firefox's output (copied to {@code log}) until it names its BiDi address; the rest keeps being copied. */
  private static String awaitListening(Process process, Path log) throws Exception {
    CompletableFuture<String> address = new CompletableFuture<>();
    Thread copier = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(log)) {
        for (String line; (line = in.readLine()) != null; ) {
          out.write(line);
          out.newLine();
          out.flush();
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            address.complete(m.group(1));
          }
        }
      } catch (IOException ignored) {
        // Firefox went away; the address future fails below if it never came.
      }
      address.completeExceptionally(new IllegalStateException("firefox exited before listening; see " + log));
    }, "firefox-output");
    copier.setDaemon(true);
    copier.start();
    return address.get(60, TimeUnit.SECONDS);
  }

  /** Navigates to {@code hash} (e.g. {@code #/agents}) under the base URL and waits for the page to load. */
  Firefox go(String hash) throws Exception {
    ObjectNode params = JSON.createObjectNode().put("context", context).put("url", base + "/" + hash)
        .put("wait", "complete");
    send("browsingContext.navigate", params);
    return this;
  }

  /** Evaluates {@code expression} in the page (promises awaited) and returns BiDi's remote value of the result. */
  JsonNode eval(String expression) throws Exception {
    ObjectNode params = JSON.createObjectNode().put("expression", expression).put("awaitPromise", true);
    params.putObject("target").put("context", context);
    JsonNode result = send("script.evaluate", params);
    if (!"success".equals(result.path("type").asText())) {
      throw new IllegalStateException("script failed: " + result.path("exceptionDetails").path("text").asText());
    }
    return result.path("result");
  }

  /** The visible text of the first element matching {@code css}, or null when there is none. */
  String text(String css) throws Exception {
    JsonNode value = eval("(() => { const e = document.querySelector(" + JSON.writeValueAsString(css)
        + "); return e ? e.innerText : null; })()");
    return value.path("type").asText().equals("string") ? value.path("value").asText() : null;
  }

  /** Waits until an element matching {@code css} shows {@code text}; returns that element's text. */
  String untilText(String css, String text) throws Exception {
    String selector = JSON.writeValueAsString(css);
    String wanted = JSON.writeValueAsString(text);
    String[] seen = new String[1];
    poll("an element '" + css + "' showing '" + text + "'", () -> {
      JsonNode v = eval("(() => { for (const e of document.querySelectorAll(" + selector + ")) {"
          + " if (e.innerText.includes(" + wanted + ")) return e.innerText; } return null; })()");
      seen[0] = v.path("value").asText(null);
      return seen[0] != null;
    });
    return seen[0];
  }

  /** A shared reference to the first element matching {@code css}, waiting until there is one. */
  private JsonNode element(String css) throws Exception {
    JsonNode[] found = new JsonNode[1];
    poll("an element '" + css + "'", () -> {
      JsonNode v = eval("document.querySelector(" + JSON.writeValueAsString(css) + ")");
      found[0] = v.path("type").asText().equals("node") ? v : null;
      return found[0] != null;
    });
    return JSON.createObjectNode().put("sharedId", found[0].path("sharedId").asText());
  }

  /** Clicks the middle of the first element matching {@code css} with the pointer. */
  void click(String css) throws Exception {
    eval("document.querySelector(" + JSON.writeValueAsString(css) + ")?.scrollIntoView({block: 'center'})");
    ObjectNode move = JSON.createObjectNode().put("type", "pointerMove").put("x", 0).put("y", 0);
    move.putObject("origin").put("type", "element").set("element", element(css));
    actions("pointer", List.of(move, button("pointerDown"), button("pointerUp")));
  }

  /** Clicks into the first input matching {@code css}, selects what it holds and types {@code text} over it. */
  void type(String css, String text) throws Exception {
    click(css);
    List<ObjectNode> keys = new ArrayList<>();
    keys.add(key("keyDown", "\uE009"));
    keys.add(key("keyDown", "a"));
    keys.add(key("keyUp", "a"));
    keys.add(key("keyUp", "\uE009"));
    keys.add(key("keyDown", "\uE003"));
    keys.add(key("keyUp", "\uE003"));
    text.codePoints().mapToObj(Character::toString).forEach(c -> {
      keys.add(key("keyDown", c));
      keys.add(key("keyUp", c));
    });
    actions("key", keys);
  }

  /** Accepts (or dismisses) the open confirm() dialog. */
  void answerPrompt(boolean accept) throws Exception {
    poll("a prompt to answer", () -> {
      try {
        send("browsingContext.handleUserPrompt", JSON.createObjectNode().put("context", context)
            .put("accept", accept));
        return true;
      } catch (IllegalStateException noPrompt) {
        return false;
      }
    });
  }

  /** Polls every 100 ms, up to {@link Browser#WAIT}, until {@code condition} holds. */
  private static void poll(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Browser.WAIT.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + Browser.WAIT.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static ObjectNode button(String type) {
    return JSON.createObjectNode().put("type", type).put("button", 0);
  }

  private static ObjectNode key(String type, String value) {
    return JSON.createObjectNode().put("type", type).put("value", value);
  }

  private void actions(String source, List<ObjectNode> steps) throws Exception {
    ObjectNode params = JSON.createObjectNode().put("context", context);
    ObjectNode input = params.putArray("actions").addObject().put("type", source).put("id", source + "-1");
    if (source.equals("pointer")) {
      input.putObject("parameters").put("pointerType", "mouse");
    }
    steps.forEach(input.putArray("actions")::add);
    send("input.performActions", params);
    send("input.releaseActions", JSON.createObjectNode().put("context", context));
  }

  /** Saves a PNG of the viewport as {@code target/ui-screenshots/<name>.png}. */
  Path screenshot(String name) throws Exception {
    JsonNode shot = send("browsingContext.captureScreenshot", JSON.createObjectNode().put("context", context));
    Path file = shots.resolve(name + ".png");
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    return file;
  }

  /** JavaScript errors and console.error lines the pages logged so far. */
  List<String> errors() {
    return List.copyOf(errors);
  }

  private JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
    command.set("params", params);
    socket.sendText(JSON.writeValueAsString(command), true).get(10, TimeUnit.SECONDS);
    JsonNode reply = answer.get(Browser.WAIT.toSeconds(), TimeUnit.SECONDS);
    if ("error".equals(reply.path("type").asText())) {
      throw new IllegalStateException(method + ": " + reply.path("error").asText() + ": "
          + reply.path("message").asText());
    }
    return reply.path("result");
  }

  private void onMessage(JsonNode message) {
    if (message.has("id") && !message.path("id").isNull()) {
      CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asInt());
      if (answer != null) {
        answer.complete(message);
      }
    } else if ("log.entryAdded".equals(message.path("method").asText())) {
      JsonNode entry = message.path("params");
      if ("error".equals(entry.path("level").asText())) {
        errors.add(entry.path("type").asText() + ": " + entry.path("text").asText());
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // Firefox is killed below either way.
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Gathers text frames (a message may come in several) and hands each whole message to {@link #onMessage}. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          onMessage(JSON.readTree(partial.toString()));
        } catch (IOException e) {
          errors.add("unreadable BiDi message: " + e.getMessage());
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
