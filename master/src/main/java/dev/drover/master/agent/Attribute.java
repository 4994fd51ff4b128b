package dev.drover.master.agent;

import dev.drover.model.RangeSet;
import java.util.Set;
import java.util.TreeSet;

/** A fact about an agent (e.g. rack:r1), used by placement constraints. Exactly one value is meaningful. */
public record Attribute(String name, Type type, String text, double scalar, RangeSet ranges, Set<String> set) {
  public enum Type { TEXT, SCALAR, RANGES, SET }

  public Attribute {
    set = Set.copyOf(set);
  }

  public static Attribute text(String name, String value) {
    return new Attribute(name, Type.TEXT, value, 0, RangeSet.EMPTY, Set.of());
  }

  /** The value in Mesos' text form: {@code r1}, {@code 2.5}, {@code [1-3]}, {@code {a,b}}. */
  public String display() {
    return switch (type) {
      case TEXT -> text;
      case SCALAR -> scalar == Math.rint(scalar) ? Long.toString((long) scalar) : Double.toString(scalar);
      case RANGES -> ranges.toString();
      case SET -> "{" + String.join(",", new TreeSet<>(set)) + "}";
    };
  }
}
