package dev.drover.router.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  @Test
  void eventsSplitAcrossChunksComeOutWhole() {
    List<String> got = new ArrayList<>();
    SseParser p = new SseParser((type, data) -> got.add(type + "=" + data));
    p.feed(":\n\nevent: status_update_event\nda");
    p.feed("ta: {\"a\":1}\n");
    assertEquals(List.of(), got);
    p.feed("\nevent: x\r\ndata: 1\r\ndata: 2\r\n\r\ndata: plain\n\n");
    assertEquals(List.of("status_update_event={\"a\":1}", "x=1\n2", "message=plain"), got);
  }
}
