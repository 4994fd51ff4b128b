package dev.drover.security.grpc;

import dev.drover.proto.v1.AgentServiceGrpc;
import dev.drover.proto.v1.SchedulerServiceGrpc;
import dev.drover.security.authn.Principal;
import dev.drover.security.authz.Authorizer;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The master's authorization seam: it reads the messages of the {@code SchedulerService.Subscribe} and
 * {@code AgentService.Connect} streams before the master does ({@link SchedulerRules}, {@link AgentRules}). A denied
 * message never reaches the master: the stream is closed with PERMISSION_DENIED naming the rule, and the master
 * sees the stream cancelled. Must run inside {@link AuthInterceptor} (which sets the principal). Thread-safe.
 */
public final class AdmissionInterceptor implements ServerInterceptor {
  private final Authorizer authorizer;
  private final boolean authenticated;

  /**
   * @param authorizer the ACLs
   * @param authenticated whether callers authenticate (then a framework's declared principal must be its own)
   */
  public AdmissionInterceptor(Authorizer authorizer, boolean authenticated) {
    this.authorizer = authorizer;
    this.authenticated = authenticated;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Supplier<CallRules<?>> rules;
    if (method.equals(SchedulerServiceGrpc.getSubscribeMethod().getFullMethodName())) {
      rules = () -> new SchedulerRules(authorizer, authenticated);
    } else if (method.equals(AgentServiceGrpc.getConnectMethod().getFullMethodName())) {
      rules = () -> new AgentRules(authorizer);
    } else {
      return next.startCall(call, headers);
    }
    Principal principal = GrpcPrincipal.current();
    GuardedCall<Q, R> guarded = new GuardedCall<>(call);
    ServerCall.Listener<Q> delegate = next.startCall(guarded, headers);
    return new Guard<>(delegate, guarded, principal, (CallRules<Q>) rules.get());
  }

  private static final class Guard<Q, R> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
    private final GuardedCall<Q, R> call;
    private final Principal principal;
    private final CallRules<Q> rules;
    private boolean denied;

    Guard(ServerCall.Listener<Q> delegate, GuardedCall<Q, R> call, Principal principal, CallRules<Q> rules) {
      super(delegate);
      this.call = call;
      this.principal = principal;
      this.rules = rules;
    }

    @Override
    public void onMessage(Q message) {
      if (denied) {
        return;
      }
      Optional<String> why = rules.check(principal, message);
      if (why.isEmpty()) {
        super.onMessage(message);
        return;
      }
      denied = true;
      call.close(Status.PERMISSION_DENIED.withDescription(why.get()), new Metadata());
      super.onCancel();
    }

    @Override
    public void onHalfClose() {
      if (!denied) {
        super.onHalfClose();
      }
    }

    @Override
    public void onCancel() {
      if (!denied) {
        super.onCancel();
      }
    }

    @Override
    public void onComplete() {
      if (!denied) {
        super.onComplete();
      }
    }
  }
}
