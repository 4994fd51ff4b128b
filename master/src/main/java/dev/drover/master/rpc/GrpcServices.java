package dev.drover.master.rpc;

import dev.drover.master.core.MasterCore;
import dev.drover.proto.v1.AgentMessage;
import dev.drover.proto.v1.AgentServiceGrpc;
import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.Event;
import dev.drover.proto.v1.MasterMessage;
import dev.drover.proto.v1.SchedulerServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * The master's gRPC services, thin: each stream becomes an {@link AgentStream} or {@link FrameworkStream} feeding
 * the {@link MasterCore}. A master that is not leading refuses a stream at once with UNAVAILABLE and the leader hint.
 */
public final class GrpcServices {
  private GrpcServices() {}

  /** Adds both services to the builder (Netty in production, in-process in tests) and builds the server. */
  public static Server build(ServerBuilder<?> builder, MasterCore core) {
    return build(builder, core, java.util.List.of());
  }

  /** As {@link #build(ServerBuilder, MasterCore)}, each service behind {@code interceptors} (security). */
  public static Server build(ServerBuilder<?> builder, MasterCore core,
      java.util.List<io.grpc.ServerInterceptor> interceptors) {
    return builder.addService(io.grpc.ServerInterceptors.intercept(new AgentService(core), interceptors))
        .addService(io.grpc.ServerInterceptors.intercept(new SchedulerService(core), interceptors)).build();
  }

  static final class AgentService extends AgentServiceGrpc.AgentServiceImplBase {
    private final MasterCore core;

    AgentService(MasterCore core) {
      this.core = core;
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<MasterMessage> responses) {
      if (!core.isLeader()) {
        responses.onError(Status.UNAVAILABLE.withDescription(core.notLeaderDescription()).asRuntimeException());
        return new Ignore<>();
      }
      return new AgentStream(core, responses);
    }
  }

  static final class SchedulerService extends SchedulerServiceGrpc.SchedulerServiceImplBase {
    private final MasterCore core;

    SchedulerService(MasterCore core) {
      this.core = core;
    }

    @Override
    public StreamObserver<Call> subscribe(StreamObserver<Event> responses) {
      if (!core.isLeader()) {
        responses.onError(Status.UNAVAILABLE.withDescription(core.notLeaderDescription()).asRuntimeException());
        return new Ignore<>();
      }
      return new FrameworkStream(core, responses);
    }
  }

  private static final class Ignore<T> implements StreamObserver<T> {
    @Override
    public void onNext(T value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
