package dev.drover.apps.http;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An output stream into 64 KiB chunks, handed to Vert.x as one buffer over those chunks. A large answer (the app
 * list with its tasks is megabytes) then never becomes one big array: no copies while it grows, and no object
 * large enough for the garbage collector to treat it as humongous, which showed as 30–40 ms pauses. Not thread-safe.
 */
final class ChunkedBytes extends OutputStream {
  private static final int CHUNK = 64 * 1024;
  private final List<byte[]> full = new ArrayList<>();
  private byte[] current = new byte[CHUNK];
  private int used;

  @Override
  public void write(int b) {
    if (used == CHUNK) {
      next();
    }
    current[used++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    while (len > 0) {
      if (used == CHUNK) {
        next();
      }
      int n = Math.min(len, CHUNK - used);
      System.arraycopy(b, off, current, used, n);
      used += n;
      off += n;
      len -= n;
    }
  }

  private void next() {
    full.add(current);
    current = new byte[CHUNK];
    used = 0;
  }

  /** What was written, as one buffer over the chunks (no copy). */
  Buffer toBuffer() {
    io.netty.buffer.ByteBuf[] parts = new io.netty.buffer.ByteBuf[full.size() + 1];
    for (int i = 0; i < full.size(); i++) {
      parts[i] = Unpooled.wrappedBuffer(full.get(i));
    }
    parts[full.size()] = Unpooled.wrappedBuffer(current, 0, used);
    return Buffer.buffer(Unpooled.wrappedBuffer(parts.length, parts));
  }
}
