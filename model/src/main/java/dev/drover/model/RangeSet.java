package dev.drover.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Immutable, normalised (sorted, non-overlapping, non-adjacent) set of ranges, with set arithmetic. */
public final class RangeSet {
  public static final RangeSet EMPTY = new RangeSet(List.of());

  private final List<Range> ranges;

  private RangeSet(List<Range> normalised) {
    this.ranges = normalised;
  }

  public static RangeSet of(Collection<Range> ranges) {
    List<Range> sorted = new ArrayList<>(ranges);
    sorted.sort(null);
    List<Range> merged = new ArrayList<>();
    for (Range r : sorted) {
      if (!merged.isEmpty() && r.begin() <= merged.get(merged.size() - 1).end() + 1) {
        Range last = merged.remove(merged.size() - 1);
        merged.add(new Range(last.begin(), Math.max(last.end(), r.end())));
      } else {
        merged.add(r);
      }
    }
    return merged.isEmpty() ? EMPTY : new RangeSet(List.copyOf(merged));
  }

  public static RangeSet of(Range... ranges) {
    return of(List.of(ranges));
  }

  public List<Range> ranges() {
    return ranges;
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public long size() {
    long n = 0;
    for (Range r : ranges) {
      n += r.size();
    }
    return n;
  }

  public boolean contains(long value) {
    for (Range r : ranges) {
      if (r.contains(value)) {
        return true;
      }
    }
    return false;
  }

  /** Whether every value of {@code other} is in this set. */
  public boolean contains(RangeSet other) {
    int i = 0;
    for (Range o : other.ranges) {
      while (i < ranges.size() && ranges.get(i).end() < o.begin()) {
        i++;
      }
      if (i == ranges.size() || ranges.get(i).begin() > o.begin() || ranges.get(i).end() < o.end()) {
        return false;
      }
    }
    return true;
  }

  public RangeSet plus(RangeSet other) {
    List<Range> all = new ArrayList<>(ranges);
    all.addAll(other.ranges);
    return of(all);
  }

  /** Removes every value of {@code other} that is in this set. */
  public RangeSet minus(RangeSet other) {
    List<Range> out = new ArrayList<>();
    for (Range r : ranges) {
      long begin = r.begin();
      boolean gone = false;
      for (Range o : other.ranges) {
        if (o.end() < begin || o.begin() > r.end()) {
          continue;
        }
        if (o.begin() > begin) {
          out.add(new Range(begin, o.begin() - 1));
        }
        if (o.end() >= r.end()) {
          gone = true;
          break;
        }
        begin = o.end() + 1;
      }
      if (!gone) {
        out.add(new Range(begin, r.end()));
      }
    }
    return of(out);
  }

  /** The first {@code count} values, in order; fewer if the set is smaller. */
  public List<Long> first(int count) {
    List<Long> out = new ArrayList<>(count);
    for (Range r : ranges) {
      for (long v = r.begin(); v <= r.end() && out.size() < count; v++) {
        out.add(v);
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RangeSet other && ranges.equals(other.ranges);
  }

  @Override
  public int hashCode() {
    return ranges.hashCode();
  }

  @Override
  public String toString() {
    return ranges.stream().map(Range::toString).collect(Collectors.joining(",", "[", "]"));
  }
}
