package dev.drover.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses agent attributes in the agent's text form, {@code rack:r1;zone:z1}. */
final class AttributeText {
  private AttributeText() {}

  static Map<String, String> parse(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : text.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int colon = part.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("attribute must be name:value, not " + part);
      }
      m.put(part.substring(0, colon).trim(), part.substring(colon + 1).trim());
    }
    return m;
  }
}
