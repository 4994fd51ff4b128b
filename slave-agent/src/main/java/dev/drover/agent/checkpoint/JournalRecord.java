package dev.drover.agent.checkpoint;

import dev.drover.agent.task.TaskKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * One change to the agent's task checkpoints, as appended to the journal. The payload is
 * {@code type, framework id, task id} then the type's fields; the journal frames it with a length and a checksum.
 * Payload bytes of specs and updates are the codec's (the wire forms); the journal never decodes them.
 */
sealed interface JournalRecord {
  TaskKey key();

  /** The task's description (written before it is launched). */
  record Spec(TaskKey key, byte[] bytes) implements JournalRecord {}

  /** Which container runs the task (text: containerizer, container id, pid, start time). */
  record Runtime(TaskKey key, byte[] bytes) implements JournalRecord {}

  /** A status update joined the task's unacknowledged ones and is its newest. */
  record Append(TaskKey key, UUID uuid, byte[] bytes) implements JournalRecord {}

  /** The oldest unacknowledged update, {@code uuid}, was acknowledged. */
  record Ack(TaskKey key, UUID uuid) implements JournalRecord {}

  /** The task is over and all it said was acknowledged: forget it. */
  record Remove(TaskKey key) implements JournalRecord {}

  static byte[] encode(JournalRecord r) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(type(r));
      out.writeUTF(r.key().frameworkId());
      out.writeUTF(r.key().taskId());
      if (r instanceof Spec s) {
        blob(out, s.bytes());
      } else if (r instanceof Runtime s) {
        blob(out, s.bytes());
      } else if (r instanceof Append s) {
        uuid(out, s.uuid());
        blob(out, s.bytes());
      } else if (r instanceof Ack s) {
        uuid(out, s.uuid());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes a payload whose checksum matched; throws on a type or layout it does not know. */
  static JournalRecord decode(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    int type = in.readUnsignedByte();
    TaskKey key = new TaskKey(in.readUTF(), in.readUTF());
    return switch (type) {
      case 1 -> new Spec(key, blob(in));
      case 2 -> new Runtime(key, blob(in));
      case 3 -> new Append(key, uuid(in), blob(in));
      case 4 -> new Ack(key, uuid(in));
      case 5 -> new Remove(key);
      default -> throw new IOException("unknown journal record type " + type);
    };
  }

  private static int type(JournalRecord r) {
    if (r instanceof Spec) {
      return 1;
    } else if (r instanceof Runtime) {
      return 2;
    } else if (r instanceof Append) {
      return 3;
    } else if (r instanceof Ack) {
      return 4;
    }
    return 5;
  }

  private static void blob(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] blob(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("bad blob length " + n);
    }
    return in.readNBytes(n);
  }

  private static void uuid(DataOutputStream out, UUID u) throws IOException {
    out.writeLong(u.getMostSignificantBits());
    out.writeLong(u.getLeastSignificantBits());
  }

  private static UUID uuid(DataInputStream in) throws IOException {
    return new UUID(in.readLong(), in.readLong());
  }
}
