package dev.drover.master.rpc;

import com.google.protobuf.ByteString;
import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.agent.Attribute;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.launch.TaskSpec;
import dev.drover.master.offer.Offer;
import dev.drover.master.task.Reason;
import dev.drover.master.task.TaskStatus;
import dev.drover.model.Range;
import dev.drover.model.RangeSet;
import dev.drover.model.Resources;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.AgentInfo;
import dev.drover.proto.v1.FrameworkID;
import dev.drover.proto.v1.FrameworkInfo;
import dev.drover.proto.v1.OfferID;
import dev.drover.proto.v1.Resource;
import dev.drover.proto.v1.TaskID;
import dev.drover.proto.v1.TaskInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Converts the types both protocols share between the wire and the master's domain records. */
final class CommonWire {
  private CommonWire() {}

  static AgentDescriptor toDomain(AgentInfo info) {
    List<Attribute> attributes = new ArrayList<>();
    for (dev.drover.proto.v1.Attribute a : info.getAttributesList()) {
      attributes.add(toDomain(a));
    }
    return new AgentDescriptor(info.getHostname(), info.getPort(), resources(info.getResourcesList()),
        attributes, info.getDomain().getRegion(), info.getDomain().getZone(), info.getVersion());
  }

  static Attribute toDomain(dev.drover.proto.v1.Attribute a) {
    List<Range> ranges = new ArrayList<>();
    for (dev.drover.proto.v1.Range r : a.getRangesList()) {
      ranges.add(new Range(r.getBegin(), r.getEnd()));
    }
    Attribute.Type type = switch (a.getType()) {
      case SCALAR -> Attribute.Type.SCALAR;
      case RANGES -> Attribute.Type.RANGES;
      case SET -> Attribute.Type.SET;
      default -> Attribute.Type.TEXT;
    };
    return new Attribute(a.getName(), type, a.getText(), a.getScalar(), RangeSet.of(ranges),
        new HashSet<>(a.getSetList()));
  }

  static dev.drover.proto.v1.Attribute toProto(Attribute a) {
    dev.drover.proto.v1.Attribute.Builder b = dev.drover.proto.v1.Attribute.newBuilder().setName(a.name());
    switch (a.type()) {
      case TEXT -> b.setType(dev.drover.proto.v1.Attribute.Type.TEXT).setText(a.text());
      case SCALAR -> b.setType(dev.drover.proto.v1.Attribute.Type.SCALAR).setScalar(a.scalar());
      case RANGES -> {
        b.setType(dev.drover.proto.v1.Attribute.Type.RANGES);
        for (Range r : a.ranges().ranges()) {
          b.addRanges(dev.drover.proto.v1.Range.newBuilder().setBegin(r.begin()).setEnd(r.end()));
        }
      }
      case SET -> b.setType(dev.drover.proto.v1.Attribute.Type.SET).addAllSet(a.set());
    }
    return b.build();
  }

  static FrameworkDescriptor toDomain(FrameworkInfo f) {
    return new FrameworkDescriptor(f.getName(), f.getUser(), f.getRolesList(), f.getFailoverTimeout(),
        f.getCheckpoint(), f.getCapabilitiesList(), f.getPrincipal(), f.getWebuiUrl(), f.getHostname());
  }

  static FrameworkInfo toProto(String frameworkId, FrameworkDescriptor f) {
    return FrameworkInfo.newBuilder().setId(FrameworkID.newBuilder().setValue(frameworkId)).setName(f.name())
        .setUser(f.user()).addAllRoles(f.roles()).setFailoverTimeout(f.failoverTimeoutSeconds())
        .setCheckpoint(f.checkpoint()).addAllCapabilities(f.capabilities()).setPrincipal(f.principal())
        .setWebuiUrl(f.webuiUrl()).setHostname(f.hostname()).build();
  }

  /** Reads a task; unreadable resources become {@link TaskSpec#resourcesError()} for the validator to report. */
  /** Converted resource lists, by value: a fleet's agents and tasks repeat a few shapes; bounded by clearing. */
  private static final Map<List<Resource>, Resources> RESOURCES = new ConcurrentHashMap<>();
  private static final int RESOURCES_CACHED = 4096;

  /**
   * {@link ProtoResources#toDomain} through a cache: a failover's 10,000 re-registrations carry 110,000 resource
   * lists of a handful of shapes, and converting each anew (a builder and a sorted map per resource) was the
   * master's largest source of garbage during the rush. Invalid lists are not cached (they throw each time).
   */
  static Resources resources(List<Resource> list) {
    Resources known = RESOURCES.get(list);
    if (known != null) {
      return known;
    }
    Resources converted = ProtoResources.toDomain(list);
    if (RESOURCES.size() >= RESOURCES_CACHED) {
      RESOURCES.clear();
    }
    RESOURCES.put(List.copyOf(list), converted);
    return converted;
  }

  static TaskSpec toDomain(TaskInfo t) {
    Resources resources = Resources.EMPTY;
    String error = null;
    try {
      resources = resources(t.getResourcesList());
    } catch (IllegalArgumentException e) {
      error = e.getMessage();
    }
    return new TaskSpec(t.getTaskId().getValue(), t.getName(), t.getAgentId().getValue(), resources, error,
        t.toByteArray());
  }

  static TaskStatus toDomain(dev.drover.proto.v1.TaskStatus s) {
    Reason reason = s.getReason() == dev.drover.proto.v1.Reason.UNRECOGNIZED ? Reason.UNSPECIFIED
        : Reason.valueOf(s.getReason().name().substring("REASON_".length()));
    TaskStatus.Source source = switch (s.getSource()) {
      case SOURCE_AGENT -> TaskStatus.Source.AGENT;
      case SOURCE_EXECUTOR -> TaskStatus.Source.EXECUTOR;
      default -> TaskStatus.Source.MASTER;
    };
    return new TaskStatus(s.getTaskId().getValue(), s.getFrameworkId().getValue(), s.getAgentId().getValue(),
        ProtoResources.toDomain(s.getState()), reason, s.getMessage(), source,
        s.getHasHealthy() ? s.getHealthy() : null, s.getUuid().toByteArray(), s.getTimestamp(),
        s.getHasExitCode() ? s.getExitCode() : null, s.getContainerId());
  }

  static dev.drover.proto.v1.TaskStatus toProto(TaskStatus s) {
    dev.drover.proto.v1.TaskStatus.Builder b = dev.drover.proto.v1.TaskStatus.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue(s.taskId()))
        .setState(ProtoResources.toProto(s.state()))
        .setReason(dev.drover.proto.v1.Reason.valueOf("REASON_" + s.reason().name()))
        .setMessage(s.message())
        .setSource(dev.drover.proto.v1.TaskStatus.Source.valueOf("SOURCE_" + s.source().name()))
        .setUuid(ByteString.copyFrom(s.uuid()))
        .setTimestamp(s.timestamp())
        .setAgentId(AgentID.newBuilder().setValue(s.agentId()))
        .setFrameworkId(FrameworkID.newBuilder().setValue(s.frameworkId()))
        .setContainerId(s.containerId());
    if (s.healthy() != null) {
      b.setHasHealthy(true).setHealthy(s.healthy());
    }
    if (s.exitCode() != null) {
      b.setHasExitCode(true).setExitCode(s.exitCode());
    }
    return b.build();
  }

  static dev.drover.proto.v1.Offer toProto(Offer o) {
    dev.drover.proto.v1.Offer.Builder b = dev.drover.proto.v1.Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue(o.id()))
        .setFrameworkId(FrameworkID.newBuilder().setValue(o.frameworkId()))
        .setAgentId(AgentID.newBuilder().setValue(o.agentId()))
        .setHostname(o.hostname())
        .addAllResources(ProtoResources.toProto(o.resources()));
    o.attributes().forEach(a -> b.addAttributes(toProto(a)));
    return b.build();
  }
}
