package dev.drover.model.rpc;

import dev.drover.model.Range;
import dev.drover.model.RangeSet;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.proto.v1.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Converts the domain {@link Resources} and {@link TaskState} to and from the wire types. The one place that knows
 * both; everything else speaks the domain types.
 */
public final class ProtoResources {
  private ProtoResources() {}

  public static List<Resource> toProto(Resources resources) {
    List<Resource> out = new ArrayList<>();
    for (String name : resources.scalarNames()) {
      out.add(Resource.newBuilder().setName(name).setType(Resource.Type.SCALAR).setRole("*")
          .setScalar(resources.scalar(name)).build());
    }
    for (String name : resources.rangeNames()) {
      Resource.Builder b = Resource.newBuilder().setName(name).setType(Resource.Type.RANGES).setRole("*");
      for (Range r : resources.ranges(name).ranges()) {
        b.addRanges(dev.drover.proto.v1.Range.newBuilder().setBegin(r.begin()).setEnd(r.end()));
      }
      out.add(b.build());
    }
    for (String name : resources.setNames()) {
      out.add(Resource.newBuilder().setName(name).setType(Resource.Type.SET).setRole("*")
          .addAllSet(resources.set(name)).build());
    }
    return out;
  }

  /**
   * Sums a list of wire resources (the same name may appear more than once).
   *
   * @throws IllegalArgumentException naming the resource when one is malformed (no name, no type, a negative or
   *     non-finite scalar, a range whose end is before its begin)
   */
  public static Resources toDomain(List<Resource> resources) {
    Resources sum = Resources.EMPTY;
    for (Resource r : resources) {
      if (r.getName().isEmpty()) {
        throw new IllegalArgumentException("resource without a name");
      }
      Resources.Builder b = Resources.builder();
      switch (r.getType()) {
        case SCALAR -> b.scalar(r.getName(), r.getScalar());
        case RANGES -> {
          List<Range> rs = new ArrayList<>();
          for (dev.drover.proto.v1.Range pr : r.getRangesList()) {
            try {
              rs.add(new Range(pr.getBegin(), pr.getEnd()));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("resource " + r.getName() + ": " + e.getMessage(), e);
            }
          }
          b.ranges(r.getName(), RangeSet.of(rs));
        }
        case SET -> b.set(r.getName(), new HashSet<>(r.getSetList()));
        default -> throw new IllegalArgumentException("resource " + r.getName() + " has no type");
      }
      sum = sum.plus(b.build());
    }
    return sum;
  }

  public static dev.drover.proto.v1.TaskState toProto(TaskState state) {
    return dev.drover.proto.v1.TaskState.valueOf("TASK_" + state.name());
  }

  public static TaskState toDomain(dev.drover.proto.v1.TaskState state) {
    if (state == dev.drover.proto.v1.TaskState.UNRECOGNIZED) {
      throw new IllegalArgumentException("unrecognised task state");
    }
    return TaskState.valueOf(state.name().substring("TASK_".length()));
  }
}
