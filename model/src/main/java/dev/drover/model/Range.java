package dev.drover.model;

/** An inclusive numeric range, as Mesos' port ranges: {@code [begin, end]}. */
public record Range(long begin, long end) implements Comparable<Range> {
  public Range {
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("invalid range [" + begin + "-" + end + "]");
    }
  }

  public static Range of(long value) {
    return new Range(value, value);
  }

  public long size() {
    return end - begin + 1;
  }

  public boolean contains(long value) {
    return value >= begin && value <= end;
  }

  @Override
  public int compareTo(Range o) {
    return begin != o.begin ? Long.compare(begin, o.begin) : Long.compare(end, o.end);
  }

  @Override
  public String toString() {
    return begin == end ? Long.toString(begin) : begin + "-" + end;
  }
}
