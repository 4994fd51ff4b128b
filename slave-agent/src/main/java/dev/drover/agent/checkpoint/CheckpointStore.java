package dev.drover.agent.checkpoint;

import dev.drover.agent.container.ContainerRuntime;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's task checkpoints: one append-only journal, {@code <workDir>/meta/checkpoints.journal}, of each task's
 * description, container, status updates and acknowledgements (see {@link JournalRecord}). Writes are group
 * committed by a dedicated writer thread: every call returns at once with a future that completes once the change,
 * and every change requested before it, is forced to disk — one sync per burst, however many tasks it covers.
 * Callers act on a change (send an update, launch a task) only when its future completes; a {@code kill -9} or
 * a power cut loses at most changes whose futures had not completed, never an earlier one, and a record torn by
 * the crash is dropped when the journal is next opened. The journal is compacted into a snapshot as it grows.
 *
 * <p>Thread-safe. Futures complete on the writer's thread: hop back to the agent loop before touching its state.
 * {@link #open} replays the journal; {@link #close} writes what is queued and stops the writer.
 */
public final class CheckpointStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  static final long DEFAULT_COMPACT_BYTES = 8L << 20;

  private final CheckpointCodec codec;
  private final JournalWriter writer;

  private CheckpointStore(CheckpointCodec codec, JournalWriter writer) {
    this.codec = codec;
    this.writer = writer;
  }

  /** Replays {@code <workDir>/meta/checkpoints.journal} (created if missing) and starts the writer. */
  public static CheckpointStore open(Path workDir, CheckpointCodec codec) {
    return open(workDir, codec, DEFAULT_COMPACT_BYTES);
  }

  static CheckpointStore open(Path workDir, CheckpointCodec codec, long compactBytes) {
    Path meta = workDir.resolve("meta");
    Path file = meta.resolve("checkpoints.journal");
    try {
      Files.createDirectories(meta);
      if (Files.isDirectory(meta.resolve("tasks"))) {
        LOG.warn("{} holds checkpoints in the layout of an older agent (one file per record); they are not read",
            meta.resolve("tasks"));
      }
      CheckpointState state = new CheckpointState();
      if (!Files.exists(file)) {
        Path tmp = meta.resolve("checkpoints.journal.tmp");
        try (FileChannel ch = Journal.create(tmp)) {
          ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Journal.syncDir(meta);
      }
      Journal.Contents contents = Journal.read(file);
      contents.records().forEach(state::apply);
      FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
      if (contents.validEnd() < contents.fileSize()) {
        LOG.warn("Checkpoint journal {}: dropping {} byte(s) after offset {} (a record torn by a crash)", file,
            contents.fileSize() - contents.validEnd(), contents.validEnd());
        ch.truncate(contents.validEnd());
        ch.force(false);
      }
      ch.position(contents.validEnd());
      JournalWriter writer = new JournalWriter(file, ch, contents.validEnd(), state, compactBytes);
      writer.start();
      return new CheckpointStore(codec, writer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the checkpoint journal " + file, e);
    }
  }

  public CompletableFuture<Void> saveSpec(TaskSpec spec) {
    return writer.append(new JournalRecord.Spec(spec.key(), codec.encode(spec)));
  }

  public CompletableFuture<Void> saveRuntime(TaskKey key, ContainerRuntime r) {
    String text = String.join("\n", r.containerizer(), r.containerId(), num(r.pid()), num(r.startMillis())) + "\n";
    return writer.append(new JournalRecord.Runtime(key, text.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code update} joins its task's unacknowledged updates and becomes its newest. */
  public CompletableFuture<Void> append(StatusUpdate update) {
    return writer.append(new JournalRecord.Append(update.key(), update.uuid(), codec.encode(update)));
  }

  /** The task's oldest unacknowledged update, {@code uuid}, was acknowledged (another uuid is ignored on replay). */
  public CompletableFuture<Void> acknowledged(TaskKey key, UUID uuid) {
    return writer.append(new JournalRecord.Ack(key, uuid));
  }

  /** Forgets a task: it is over and the master has acknowledged all it was told. */
  public CompletableFuture<Void> remove(TaskKey key) {
    return writer.append(new JournalRecord.Remove(key));
  }

  /** Completes once everything requested before it is durable. */
  public CompletableFuture<Void> flush() {
    return writer.query(s -> null);
  }

  /** Runs {@code f} on the writer's thread, in turn (tests hold the writer with it). */
  <T> CompletableFuture<T> onWriter(java.util.function.Function<CheckpointState, T> f) {
    return writer.query(f);
  }

  /** How many times the journal has been forced to disk since it was opened (for tests and metrics). */
  public long syncs() {
    return writer.syncs();
  }

  /** Every task checkpoint, as of everything requested before this call; undecodable ones are logged and skipped. */
  public List<TaskCheckpoint> load() {
    Map<TaskKey, Raw> raw;
    try {
      raw = writer.query(CheckpointStore::copy).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the checkpoints", e);
    }
    List<TaskCheckpoint> out = new ArrayList<>();
    raw.forEach((key, r) -> {
      try {
        out.add(decode(key, r));
      } catch (IOException | RuntimeException e) {
        LOG.warn("Skipping unreadable checkpoint of task {}: {}", key, e.toString());
      }
    });
    return out;
  }

  @Override
  public void close() {
    writer.close();
  }

  private record Raw(Optional<byte[]> spec, Optional<byte[]> runtime, List<byte[]> pending,
      Optional<byte[]> latest) {}

  private static Map<TaskKey, Raw> copy(CheckpointState s) {
    Map<TaskKey, Raw> out = new java.util.LinkedHashMap<>();
    s.tasks().forEach((k, e) -> out.put(k, new Raw(e.spec(), e.runtime(), e.pending(), e.latest())));
    return out;
  }

  private TaskCheckpoint decode(TaskKey key, Raw r) throws IOException {
    Optional<TaskSpec> spec = r.spec().isPresent()
        ? Optional.of(codec.decodeSpec(key.frameworkId(), r.spec().get())) : Optional.empty();
    Optional<ContainerRuntime> runtime = Optional.empty();
    if (r.runtime().isPresent()) {
      String[] lines = new String(r.runtime().get(), StandardCharsets.UTF_8).split("\n", -1);
      runtime = Optional.of(new ContainerRuntime(lines[0], lines[1], parse(lines[2]), parse(lines[3])));
    }
    List<StatusUpdate> pending = new ArrayList<>();
    for (byte[] b : r.pending()) {
      pending.add(codec.decodeUpdate(b));
    }
    Optional<StatusUpdate> latest = !pending.isEmpty() ? Optional.of(pending.get(pending.size() - 1))
        : r.latest().isPresent() ? Optional.of(codec.decodeUpdate(r.latest().get())) : Optional.empty();
    return new TaskCheckpoint(key, spec, runtime, latest, pending);
  }

  private static String num(OptionalLong v) {
    return v.isPresent() ? Long.toString(v.getAsLong()) : "";
  }

  private static OptionalLong parse(String s) {
    return s.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s.trim()));
  }
}
