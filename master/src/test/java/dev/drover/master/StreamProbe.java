package dev.drover.master;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects what a server stream sends, for tests to wait on with a deadline. */
final class StreamProbe<T> implements StreamObserver<T> {
  final BlockingQueue<T> received = new LinkedBlockingQueue<>();
  final CompletableFuture<Throwable> ended = new CompletableFuture<>();

  @Override
  public void onNext(T value) {
    received.add(value);
  }

  @Override
  public void onError(Throwable t) {
    ended.complete(t);
  }

  @Override
  public void onCompleted() {
    ended.complete(null);
  }

  /** The next message that matches, skipping others; fails after the timeout. */
  T await(Predicate<T> which, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      T next = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError("timed out waiting for " + what);
      }
      if (which.test(next)) {
        return next;
      }
    }
  }

  Throwable awaitEnd(Duration timeout) throws Exception {
    return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
