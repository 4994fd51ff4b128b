package dev.drover.apps.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkedBytesTest {
  @Test
  void keepsEveryByteInOrderAcrossChunkBoundaries() {
    Random random = new Random(42);
    ChunkedBytes chunked = new ChunkedBytes();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    while (expected.size() < 300_000) {
      byte[] slice = new byte[random.nextInt(70_000)];
      random.nextBytes(slice);
      int off = slice.length == 0 ? 0 : random.nextInt(slice.length);
      chunked.write(slice, off, slice.length - off);
      expected.write(slice, off, slice.length - off);
      chunked.write(7);
      expected.write(7);
    }
    assertArrayEquals(expected.toByteArray(), chunked.toBuffer().getBytes());
  }

  @Test
  void anEmptyStreamIsAnEmptyBuffer() {
    assertEquals(0, new ChunkedBytes().toBuffer().length());
  }
}
