package dev.drover.agent.checkpoint;

import dev.drover.agent.container.ContainerRuntime;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.task.TaskKey;
import dev.drover.agent.task.TaskSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's task checkpoints under {@code <workDir>/meta/tasks/<framework>/<task>/}: {@code task} (the
 * description), {@code runtime} (which container runs it), {@code pending} (unacknowledged statuses, oldest first)
 * and {@code latest} (the newest status). Every file is replaced atomically and forced to disk before the call
 * returns, so what a caller wrote survives a {@code kill -9} or a power cut. Directory names are the ids in URL-safe
 * base64, so no id can escape the directory. Not thread-safe: used from the agent loop.
 */
public final class CheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

  private final Path root;
  private final CheckpointCodec codec;

  public CheckpointStore(Path workDir, CheckpointCodec codec) {
    this.root = workDir.resolve("meta").resolve("tasks");
    this.codec = codec;
  }

  public void saveSpec(TaskSpec spec) {
    write(dir(spec.key()).resolve("task"), codec.encode(spec));
  }

  public void saveRuntime(TaskKey key, ContainerRuntime r) {
    String text = String.join("\n", r.containerizer(), r.containerId(), num(r.pid()), num(r.startMillis())) + "\n";
    write(dir(key).resolve("runtime"), text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the task's unacknowledged statuses, then its newest one (so a crash between leaves no update lost). */
  public void saveUpdates(TaskKey key, List<StatusUpdate> pending, Optional<StatusUpdate> latest) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      for (StatusUpdate u : pending) {
        byte[] b = codec.encode(u);
        out.writeInt(b.length);
        out.write(b);
      }
      out.flush();
      write(dir(key).resolve("pending"), bytes.toByteArray());
      if (latest.isPresent()) {
        write(dir(key).resolve("latest"), codec.encode(latest.get()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forgets a task: it is over and the master has acknowledged all it was told. */
  public void remove(TaskKey key) {
    Path dir = dir(key);
    try (Stream<Path> files = Files.exists(dir) ? Files.walk(dir) : Stream.empty()) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("Cannot remove the checkpoint of task {}: {}", key, e.toString());
    }
  }

  /** Every task checkpoint on disk; unreadable ones are logged and skipped. */
  public List<TaskCheckpoint> load() {
    List<TaskCheckpoint> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> frameworks = Files.list(root)) {
      for (Path fw : frameworks.filter(Files::isDirectory).toList()) {
        try (Stream<Path> tasks = Files.list(fw)) {
          for (Path task : tasks.filter(Files::isDirectory).toList()) {
            TaskKey key = new TaskKey(decode(fw.getFileName().toString()), decode(task.getFileName().toString()));
            try {
              out.add(read(key, task));
            } catch (IOException | RuntimeException e) {
              LOG.warn("Skipping unreadable checkpoint of task {} in {}: {}", key, task, e.toString());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoints in " + root, e);
    }
    return out;
  }

  private TaskCheckpoint read(TaskKey key, Path dir) throws IOException {
    Optional<TaskSpec> spec = Files.exists(dir.resolve("task"))
        ? Optional.of(codec.decodeSpec(key.frameworkId(), Files.readAllBytes(dir.resolve("task"))))
        : Optional.empty();
    Optional<ContainerRuntime> runtime = Optional.empty();
    if (Files.exists(dir.resolve("runtime"))) {
      List<String> lines = Files.readAllLines(dir.resolve("runtime"), StandardCharsets.UTF_8);
      runtime = Optional.of(new ContainerRuntime(lines.get(0), lines.get(1), parse(lines.get(2)),
          parse(lines.get(3))));
    }
    List<StatusUpdate> pending = new ArrayList<>();
    if (Files.exists(dir.resolve("pending"))) {
      try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("pending")))) {
        while (true) {
          int n;
          try {
            n = in.readInt();
          } catch (EOFException end) {
            break;
          }
          pending.add(codec.decodeUpdate(in.readNBytes(n)));
        }
      }
    }
    Optional<StatusUpdate> latest = !pending.isEmpty() ? Optional.of(pending.get(pending.size() - 1))
        : Files.exists(dir.resolve("latest"))
            ? Optional.of(codec.decodeUpdate(Files.readAllBytes(dir.resolve("latest")))) : Optional.empty();
    return new TaskCheckpoint(key, spec, runtime, latest, pending);
  }

  private Path dir(TaskKey key) {
    return root.resolve(encode(key.frameworkId())).resolve(encode(key.taskId()));
  }

  private static void write(Path file, byte[] content) {
    try {
      AtomicFiles.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot checkpoint " + file, e);
    }
  }

  private static String encode(String id) {
    return "k" + Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String name) {
    return new String(Base64.getUrlDecoder().decode(name.substring(1)), StandardCharsets.UTF_8);
  }

  private static String num(OptionalLong v) {
    return v.isPresent() ? Long.toString(v.getAsLong()) : "";
  }

  private static OptionalLong parse(String s) {
    return s.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s.trim()));
  }
}
