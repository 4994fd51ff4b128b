package dev.drover.agent.resources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads agent attributes in Mesos' text form {@code rack:r1;zone:a;level:3}. Numbers become scalars, all else text. */
public final class AttributeParser {
  private AttributeParser() {}

  /**
   * Parses {@code text}; blank means none. A name given twice keeps the last value.
   *
   * @throws IllegalArgumentException naming the entry that is not {@code name:value}
   */
  public static List<AgentAttribute> parse(String text) {
    Map<String, AgentAttribute> byName = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return List.of();
    }
    for (String entry : text.split(";")) {
      entry = entry.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw new IllegalArgumentException("attribute '" + entry + "' is not name:value");
      }
      String name = entry.substring(0, colon).trim();
      String value = entry.substring(colon + 1).trim();
      byName.put(name, asNumber(value) != null
          ? AgentAttribute.scalar(name, asNumber(value)) : AgentAttribute.text(name, value));
    }
    return List.copyOf(new ArrayList<>(byName.values()));
  }

  private static Double asNumber(String value) {
    if (!value.matches("[-+]?\\d+(\\.\\d+)?")) {
      return null;
    }
    return Double.parseDouble(value);
  }
}
