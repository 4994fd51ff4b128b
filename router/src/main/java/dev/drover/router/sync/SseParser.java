package dev.drover.router.sync;

import java.util.function.BiConsumer;

/**
 * Splits a Server-Sent Events stream, fed in arbitrary chunks, into events ({@code event:} type and {@code data:}
 * lines, ended by a blank line). Comments ({@code :}) and other fields are ignored; several {@code data:} lines are
 * joined with newlines. Not thread-safe: one stream, one reader.
 */
public final class SseParser {
  private final BiConsumer<String, String> onEvent;
  private final StringBuilder pending = new StringBuilder();
  private String type;
  private StringBuilder data;

  /** A parser handing each complete event's type ({@code message} when absent) and data to {@code onEvent}. */
  public SseParser(BiConsumer<String, String> onEvent) {
    this.onEvent = onEvent;
  }

  /** Feeds the next chunk of the stream. */
  public void feed(String chunk) {
    pending.append(chunk);
    int start = 0;
    for (int nl = pending.indexOf("\n", start); nl >= 0; nl = pending.indexOf("\n", start)) {
      String line = pending.substring(start, nl);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      line(line);
      start = nl + 1;
    }
    pending.delete(0, start);
  }

  private void line(String line) {
    if (line.isEmpty()) {
      if (data != null) {
        onEvent.accept(type == null ? "message" : type, data.toString());
      }
      type = null;
      data = null;
      return;
    }
    if (line.startsWith(":")) {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if (field.equals("event")) {
      type = value;
    } else if (field.equals("data")) {
      data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
    }
  }
}
