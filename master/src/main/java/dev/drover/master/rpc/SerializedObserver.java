package dev.drover.master.rpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serialises writes to one response stream and drops those after it ended (or the peer went away), so callers on
 * any thread never see an exception from a closed call.
 */
final class SerializedObserver<T> {
  private static final Logger LOG = LoggerFactory.getLogger(SerializedObserver.class);

  private final StreamObserver<T> delegate;
  private boolean done;

  SerializedObserver(StreamObserver<T> delegate) {
    this.delegate = delegate;
  }

  synchronized void send(T message) {
    if (done) {
      return;
    }
    try {
      delegate.onNext(message);
    } catch (RuntimeException e) {
      done = true;
      LOG.debug("Dropping a message on a closed stream: {}", e.toString());
    }
  }

  synchronized void fail(Status status) {
    if (done) {
      return;
    }
    done = true;
    try {
      delegate.onError(status.asRuntimeException());
    } catch (RuntimeException e) {
      LOG.debug("Stream already closed: {}", e.toString());
    }
  }

  synchronized void complete() {
    if (done) {
      return;
    }
    done = true;
    try {
      delegate.onCompleted();
    } catch (RuntimeException e) {
      LOG.debug("Stream already closed: {}", e.toString());
    }
  }

  /** The peer ended or cancelled the call: nothing more may be sent. */
  synchronized void peerGone() {
    done = true;
  }
}
