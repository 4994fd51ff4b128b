package dev.drover.apps.http;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Marathon's {@code label} filter: comma-free selectors {@code key}, {@code key==value}, {@code key!=value},
 * {@code key in (a,b)} and {@code key notin (a,b)}. Several selectors separated by commas outside parentheses must
 * all hold.
 */
final class LabelSelector {
  private LabelSelector() {}

  static Predicate<Map<String, String>> parse(String selector) {
    Predicate<Map<String, String>> all = labels -> true;
    for (String part : split(selector)) {
      all = all.and(one(part.trim()));
    }
    return all;
  }

  private static Predicate<Map<String, String>> one(String s) {
    if (s.contains("!=")) {
      String[] kv = s.split("!=", 2);
      return l -> !kv[1].trim().equals(l.get(kv[0].trim()));
    }
    if (s.contains("==")) {
      String[] kv = s.split("==", 2);
      return l -> kv[1].trim().equals(l.get(kv[0].trim()));
    }
    int in = s.indexOf(" in ");
    int notin = s.indexOf(" notin ");
    if (notin > 0) {
      String key = s.substring(0, notin).trim();
      Set<String> values = values(s.substring(notin + 7));
      return l -> !values.contains(l.get(key));
    }
    if (in > 0) {
      String key = s.substring(0, in).trim();
      Set<String> values = values(s.substring(in + 4));
      return l -> values.contains(l.get(key));
    }
    return l -> l.containsKey(s);
  }

  private static Set<String> values(String list) {
    String inner = list.trim().replaceAll("^\\(|\\)$", "");
    return Arrays.stream(inner.split(",")).map(String::trim).collect(Collectors.toSet());
  }

  private static java.util.List<String> split(String s) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }
}
