package dev.drover.agent.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's one writer: a dedicated thread that takes every record queued since its last turn, applies them to
 * the {@link CheckpointState}, appends them in one write and forces the file once (group commit), and only then
 * completes their futures, in order. So a record's future completes only once it and every record queued before it
 * are durable. When a batch would grow the journal past {@code max(compactBytes, 4 × last snapshot)} the state is
 * written as a fresh snapshot instead (temporary file, forced, renamed over the journal, directory forced).
 *
 * <p>A failed write is rolled back (the file truncated to where it was) and retried with backoff until it succeeds
 * or the writer is closed; futures fail only on close. Futures complete on the writer's thread: callers hop back to
 * their own loop. Thread-safe.
 */
final class JournalWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
  private static final int MAX_BATCH = 8192;

  private record Op(JournalRecord record, Function<CheckpointState, ?> query, CompletableFuture<Object> done) {}

  private static final Op STOP = new Op(null, null, null);

  private final Path file;
  private final CheckpointState state;
  private final long compactBytes;
  private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final AtomicLong syncs = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;
  private FileChannel ch;
  private long size;
  private long snapshotSize;

  /** Takes over {@code ch}, open on {@code file} and positioned at its valid end {@code size}. */
  JournalWriter(Path file, FileChannel ch, long size, CheckpointState state, long compactBytes) {
    this.file = file;
    this.ch = ch;
    this.size = size;
    this.snapshotSize = size;
    this.state = state;
    this.compactBytes = compactBytes;
    this.thread = new Thread(this::run, "agent-checkpoint-writer");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues {@code record}; the future completes once it is on disk. */
  CompletableFuture<Void> append(JournalRecord record) {
    return enqueue(new Op(record, null, new CompletableFuture<>())).thenApply(x -> null);
  }

  /** Runs {@code query} on the writer's thread after everything queued before it is durable. */
  @SuppressWarnings("unchecked")
  <T> CompletableFuture<T> query(Function<CheckpointState, T> query) {
    return (CompletableFuture<T>) enqueue(new Op(null, query, new CompletableFuture<>()));
  }

  /** How many times the journal was forced to disk (appends and snapshots). */
  long syncs() {
    return syncs.get();
  }

  private CompletableFuture<Object> enqueue(Op op) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("checkpoint writer is closed"));
    }
    queue.add(op);
    return op.done();
  }

  /** Writes what is queued, then stops; later calls fail. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
  }

  private void run() {
    List<Op> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      stop = process(batch);
    }
    try {
      ch.close();
    } catch (IOException e) {
      LOG.debug("Closing the checkpoint journal: {}", e.toString());
    }
    List<Op> left = new ArrayList<>();
    queue.drainTo(left);
    left.stream().filter(op -> op.done() != null)
        .forEach(op -> op.done().completeExceptionally(new IllegalStateException("checkpoint writer is closed")));
  }

  /** Applies, writes and forces one batch, then completes its futures; true once STOP was seen. */
  private boolean process(List<Op> batch) {
    List<byte[]> payloads = new ArrayList<>();
    boolean stop = false;
    int end = 0;
    for (Op op : batch) {
      if (op == STOP) {
        stop = true;
        break;
      }
      end++;
      if (op.record() != null) {
        state.apply(op.record());
        payloads.add(JournalRecord.encode(op.record()));
      }
    }
    List<Op> done = batch.subList(0, end);
    if (!payloads.isEmpty() && !writeWithRetry(payloads)) {
      done.forEach(op -> op.done().completeExceptionally(new IllegalStateException("checkpoint writer closed"
          + " before the write succeeded")));
      return true;
    }
    for (Op op : done) {
      if (op.query() == null) {
        op.done().complete(null);
        continue;
      }
      try {
        op.done().complete(op.query().apply(state));
      } catch (RuntimeException e) {
        op.done().completeExceptionally(e);
      }
    }
    return stop;
  }

  private boolean writeWithRetry(List<byte[]> payloads) {
    long backoffMs = 10;
    ByteBuffer framed = Journal.frame(payloads);
    for (int attempt = 1; ; attempt++) {
      try {
        if (size + framed.remaining() > Math.max(compactBytes, 4 * snapshotSize)) {
          writeSnapshot();
        } else {
          appendAndForce(framed.duplicate());
        }
        return true;
      } catch (IOException | RuntimeException e) {
        if (attempt == 1 || attempt % 20 == 0) {
          LOG.error("Cannot write the checkpoint journal {} (attempt {}); status updates wait until it can be"
              + " written: {}", file, attempt, e.toString());
        }
        if (closed) {
          return false;
        }
        try {
          // An I/O retry on the writer's own thread; nothing else waits on this thread but the checkpoints.
          Thread.sleep(backoffMs);
        } catch (InterruptedException ie) {
          return false;
        }
        backoffMs = Math.min(1000, backoffMs * 2);
      }
    }
  }

  private void appendAndForce(ByteBuffer framed) throws IOException {
    int n = framed.remaining();
    try {
      Journal.writeFully(ch, framed);
      ch.force(false);
      syncs.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      try {
        ch.truncate(size);
        ch.position(size);
      } catch (IOException ignored) {
        // the retry writes at the same place; a torn tail is ignored on replay anyway
      }
      throw e;
    }
    size += n;
  }

  /** Replaces the journal with the state's snapshot (which already holds the current batch). */
  private void writeSnapshot() throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    FileChannel next = Journal.create(tmp);
    try {
      Journal.writeFully(next, Journal.frame(state.snapshot().stream().map(JournalRecord::encode).toList()));
      next.force(true);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Journal.syncDir(file.getParent());
      syncs.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      next.close();
      Files.deleteIfExists(tmp);
      throw e;
    }
    long before = size;
    ch.close();
    ch = next;
    size = next.position();
    snapshotSize = size;
    LOG.info("Compacted the checkpoint journal: {} -> {} bytes ({} task(s))", before, size, state.tasks().size());
  }
}
