package dev.drover.master.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.drover.master.agent.AgentDescriptor;
import dev.drover.master.registry.RegisteredAgent;
import dev.drover.master.registry.RegisteredFramework;
import dev.drover.master.registry.RegistryCodec;
import dev.drover.model.rpc.ProtoResources;
import dev.drover.proto.v1.AgentID;
import dev.drover.proto.v1.AgentInfo;
import dev.drover.proto.v1.DomainInfo;
import dev.drover.proto.v1.FrameworkInfo;

/** Registry records as the wire's AgentInfo and FrameworkInfo bytes, as Mesos keeps its registry. */
public final class RegistryWire implements RegistryCodec {
  @Override
  public byte[] encode(RegisteredAgent agent) {
    AgentDescriptor d = agent.info();
    AgentInfo.Builder b = AgentInfo.newBuilder().setId(AgentID.newBuilder().setValue(agent.id()))
        .setHostname(d.hostname()).setPort(d.port()).addAllResources(ProtoResources.toProto(d.resources()))
        .setDomain(DomainInfo.newBuilder().setRegion(d.region()).setZone(d.zone())).setVersion(d.version());
    d.attributes().forEach(a -> b.addAttributes(CommonWire.toProto(a)));
    return b.build().toByteArray();
  }

  @Override
  public RegisteredAgent decodeAgent(String id, byte[] data) {
    try {
      return new RegisteredAgent(id, CommonWire.toDomain(AgentInfo.parseFrom(data)));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("agent " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] encode(RegisteredFramework framework) {
    return CommonWire.toProto(framework.id(), framework.info()).toByteArray();
  }

  @Override
  public RegisteredFramework decodeFramework(String id, byte[] data) {
    try {
      return new RegisteredFramework(id, CommonWire.toDomain(FrameworkInfo.parseFrom(data)));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("framework " + id + ": " + e.getMessage(), e);
    }
  }
}
