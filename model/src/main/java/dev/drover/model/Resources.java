package dev.drover.model;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable bag of named resources: scalars (cpus, mem and disk in MiB, gpus), ranges (ports) and sets.
 * Scalars are kept in fixed point with three decimals, as Mesos does, so that sums and differences are exact.
 * A resource whose quantity is zero or empty is absent. Thread-safe (immutable).
 */
public final class Resources {
  public static final String CPUS = "cpus";
  public static final String MEM = "mem";
  public static final String DISK = "disk";
  public static final String GPUS = "gpus";
  public static final String PORTS = "ports";

  public static final Resources EMPTY = new Resources(Map.of(), Map.of(), Map.of());

  private final Map<String, Long> scalars;  // thousandths
  private final Map<String, RangeSet> ranges;
  private final Map<String, Set<String>> sets;

  private Resources(Map<String, Long> scalars, Map<String, RangeSet> ranges, Map<String, Set<String>> sets) {
    this.scalars = scalars;
    this.ranges = ranges;
    this.sets = sets;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static Resources scalar(String name, double value) {
    return builder().scalar(name, value).build();
  }

  /** cpus, mem (MiB) and disk (MiB). */
  public static Resources of(double cpus, double memMb, double diskMb) {
    return builder().scalar(CPUS, cpus).scalar(MEM, memMb).scalar(DISK, diskMb).build();
  }

  /**
   * Parses Mesos' text form: {@code cpus:4;mem:1024;ports:[31000-32000,33000];zones:{a,b}}. Entries are separated
   * by {@code ;}; a value in brackets is ranges, in braces a set, otherwise a scalar.
   *
   * @throws IllegalArgumentException naming the entry that cannot be read
   */
  public static Resources parse(String text) {
    Builder b = builder();
    if (text == null || text.isBlank()) {
      return EMPTY;
    }
    for (String entry : text.split(";")) {
      entry = entry.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("resource '" + entry + "' is not name:value");
      }
      String name = entry.substring(0, colon).trim();
      String value = entry.substring(colon + 1).trim();
      try {
        if (value.startsWith("[") && value.endsWith("]")) {
          java.util.List<Range> rs = new java.util.ArrayList<>();
          for (String part : value.substring(1, value.length() - 1).split(",")) {
            part = part.trim();
            if (part.isEmpty()) {
              continue;
            }
            int dash = part.indexOf('-');
            rs.add(dash < 0 ? Range.of(Long.parseLong(part))
                : new Range(Long.parseLong(part.substring(0, dash).trim()),
                    Long.parseLong(part.substring(dash + 1).trim())));
          }
          b.ranges(name, RangeSet.of(rs));
        } else if (value.startsWith("{") && value.endsWith("}")) {
          Set<String> items = new TreeSet<>();
          for (String item : value.substring(1, value.length() - 1).split(",")) {
            if (!item.isBlank()) {
              items.add(item.trim());
            }
          }
          b.set(name, items);
        } else {
          double d = Double.parseDouble(value);
          if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("must be a finite number >= 0");
          }
          b.scalar(name, d);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("resource '" + entry + "': " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  public double scalar(String name) {
    Long v = scalars.get(name);
    return v == null ? 0 : v / 1000.0;
  }

  public double cpus() {
    return scalar(CPUS);
  }

  public double mem() {
    return scalar(MEM);
  }

  public double disk() {
    return scalar(DISK);
  }

  public RangeSet ranges(String name) {
    return ranges.getOrDefault(name, RangeSet.EMPTY);
  }

  public RangeSet ports() {
    return ranges(PORTS);
  }

  public Set<String> set(String name) {
    return sets.getOrDefault(name, Set.of());
  }

  public Set<String> scalarNames() {
    return scalars.keySet();
  }

  public Set<String> rangeNames() {
    return ranges.keySet();
  }

  public Set<String> setNames() {
    return sets.keySet();
  }

  public boolean isEmpty() {
    return scalars.isEmpty() && ranges.isEmpty() && sets.isEmpty();
  }

  public Resources plus(Resources other) {
    Builder b = toBuilder();
    other.scalars.forEach((k, v) -> b.scalars.merge(k, v, Long::sum));
    other.ranges.forEach((k, v) -> b.ranges.merge(k, v, RangeSet::plus));
    other.sets.forEach((k, v) -> b.sets.merge(k, v, (x, y) -> {
      Set<String> u = new TreeSet<>(x);
      u.addAll(y);
      return u;
    }));
    return b.build();
  }

  /**
   * What is left after taking {@code other} away; quantities that would go below zero stop at zero. Use
   * {@link #contains} first when that matters.
   */
  public Resources minus(Resources other) {
    Builder b = toBuilder();
    other.scalars.forEach((k, v) -> b.scalars.computeIfPresent(k, (kk, mine) -> Math.max(0, mine - v)));
    other.ranges.forEach((k, v) -> b.ranges.computeIfPresent(k, (kk, mine) -> mine.minus(v)));
    other.sets.forEach((k, v) -> b.sets.computeIfPresent(k, (kk, mine) -> {
      Set<String> d = new TreeSet<>(mine);
      d.removeAll(v);
      return d;
    }));
    return b.build();
  }

  /** Whether {@code other} fits inside this: every scalar at least as large, every range and set a superset. */
  public boolean contains(Resources other) {
    for (Map.Entry<String, Long> e : other.scalars.entrySet()) {
      if (scalars.getOrDefault(e.getKey(), 0L) < e.getValue()) {
        return false;
      }
    }
    for (Map.Entry<String, RangeSet> e : other.ranges.entrySet()) {
      if (!ranges(e.getKey()).contains(e.getValue())) {
        return false;
      }
    }
    for (Map.Entry<String, Set<String>> e : other.sets.entrySet()) {
      if (!set(e.getKey()).containsAll(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Names of the resources in {@code wanted} that this does not hold enough of; empty when it fits. */
  public Set<String> shortfall(Resources wanted) {
    Set<String> missing = new TreeSet<>();
    wanted.scalars.forEach((k, v) -> {
      if (scalars.getOrDefault(k, 0L) < v) {
        missing.add(k);
      }
    });
    wanted.ranges.forEach((k, v) -> {
      if (!ranges(k).contains(v)) {
        missing.add(k);
      }
    });
    wanted.sets.forEach((k, v) -> {
      if (!set(k).containsAll(v)) {
        missing.add(k);
      }
    });
    return missing;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.scalars.putAll(scalars);
    b.ranges.putAll(ranges);
    b.sets.putAll(sets);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resources r && scalars.equals(r.scalars) && ranges.equals(r.ranges) && sets.equals(r.sets);
  }

  @Override
  public int hashCode() {
    return scalars.hashCode() * 31 * 31 + ranges.hashCode() * 31 + sets.hashCode();
  }

  /** The text form {@link #parse} reads. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    scalars.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ";").append(k).append(':').append(fmt(v)));
    ranges.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ";").append(k).append(':').append(v));
    sets.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ";").append(k).append(":{")
        .append(String.join(",", v)).append('}'));
    return sb.toString();
  }

  private static String fmt(long thousandths) {
    return thousandths % 1000 == 0 ? Long.toString(thousandths / 1000)
        : java.math.BigDecimal.valueOf(thousandths, 3).stripTrailingZeros().toPlainString();
  }

  /** Builds a {@link Resources}; a name given twice keeps the last value. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Long> scalars = new TreeMap<>();
    private final Map<String, RangeSet> ranges = new TreeMap<>();
    private final Map<String, Set<String>> sets = new TreeMap<>();

    private Builder() {}

    public Builder scalar(String name, double value) {
      if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(name + " must be a finite number >= 0, not " + value);
      }
      scalars.put(name, Math.round(value * 1000));
      return this;
    }

    public Builder ranges(String name, RangeSet value) {
      ranges.put(name, value);
      return this;
    }

    public Builder ports(long... ports) {
      java.util.List<Range> rs = new java.util.ArrayList<>();
      for (long p : ports) {
        rs.add(Range.of(p));
      }
      return ranges(PORTS, RangeSet.of(rs));
    }

    public Builder set(String name, Set<String> value) {
      sets.put(name, Set.copyOf(value));
      return this;
    }

    public Resources build() {
      scalars.values().removeIf(v -> v == 0);
      ranges.values().removeIf(RangeSet::isEmpty);
      sets.values().removeIf(Set::isEmpty);
      Map<String, Set<String>> sortedSets = new TreeMap<>();
      sets.forEach((k, v) -> sortedSets.put(k, Collections.unmodifiableSet(new TreeSet<>(v))));
      return new Resources(Collections.unmodifiableMap(new TreeMap<>(scalars)),
          Collections.unmodifiableMap(new TreeMap<>(ranges)), Collections.unmodifiableMap(sortedSets));
    }
  }
}
