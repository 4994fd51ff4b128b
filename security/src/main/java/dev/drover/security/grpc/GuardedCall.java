package dev.drover.security.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * A server call that a guard may close while the service is writing to it: every write and the close go through one
 * lock, and writes after the close are dropped. Thread-safe.
 */
final class GuardedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
  private boolean closed;

  GuardedCall(ServerCall<Q, R> delegate) {
    super(delegate);
  }

  @Override
  public synchronized void sendHeaders(Metadata headers) {
    if (!closed) {
      super.sendHeaders(headers);
    }
  }

  @Override
  public synchronized void sendMessage(R message) {
    if (!closed) {
      super.sendMessage(message);
    }
  }

  @Override
  public synchronized void close(Status status, Metadata trailers) {
    if (!closed) {
      closed = true;
      super.close(status, trailers);
    }
  }

  synchronized boolean isClosed() {
    return closed;
  }
}
