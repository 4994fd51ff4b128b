package dev.drover.agent.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk framing of the checkpoint journal: an 8-byte header ({@code DRVJRNL1}), then records, each
 * {@code int length, int crc32c(payload), payload}. A crash can leave the last record torn (short, or with a
 * checksum that does not match); {@link #read} stops at the first such record and reports where the valid part
 * ends, so the caller truncates there and appends after it. Stateless.
 */
final class Journal {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  static final byte[] HEADER = "DRVJRNL1".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_RECORD = 64 << 20;

  private Journal() {}

  /** What a journal file holds: its valid records, and the offset where they end. */
  record Contents(List<JournalRecord> records, long validEnd, long fileSize) {}

  static Contents read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < HEADER.length || !Arrays.equals(Arrays.copyOf(all, HEADER.length), HEADER)) {
      throw new IOException(file + " is not a checkpoint journal (bad header)");
    }
    ByteBuffer b = ByteBuffer.wrap(all);
    b.position(HEADER.length);
    List<JournalRecord> records = new ArrayList<>();
    while (b.remaining() >= 8) {
      int start = b.position();
      int length = b.getInt();
      int crc = b.getInt();
      if (length <= 0 || length > MAX_RECORD || length > b.remaining()) {
        b.position(start);
        break;
      }
      byte[] payload = new byte[length];
      b.get(payload);
      if (crc32c(payload) != crc) {
        b.position(start);
        break;
      }
      try {
        records.add(JournalRecord.decode(payload));
      } catch (IOException | RuntimeException e) {
        LOG.warn("Checkpoint journal {}: undecodable record at offset {} ({}); ignoring it", file, start, e.toString());
      }
    }
    return new Contents(records, b.position(), all.length);
  }

  /** The framed bytes of {@code records}, ready to append in one write. */
  static ByteBuffer frame(List<byte[]> payloads) {
    int size = 0;
    for (byte[] p : payloads) {
      size += 8 + p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    for (byte[] p : payloads) {
      b.putInt(p.length).putInt(crc32c(p)).put(p);
    }
    return b.flip();
  }

  /** Creates (or replaces) {@code file} with the header, written but not forced. */
  static FileChannel create(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    writeFully(ch, ByteBuffer.wrap(HEADER));
    return ch;
  }

  static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /** Forces a directory, so a file created or renamed in it survives a power cut. */
  static void syncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems cannot fsync a directory; the rename is still atomic.
    }
  }

  private static int crc32c(byte[] p) {
    CRC32C c = new CRC32C();
    c.update(p);
    return (int) c.getValue();
  }
}
