package dev.drover.cli.ops;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void columnsAreAlignedTwoSpacesApartWithoutTrailingBlanks() {
    String t = new Table("ID", "STATE", "NOTE").row("a-long-id", "RUNNING", "x").row("b", null, "").render();
    assertEquals("ID         STATE    NOTE\n"
        + "a-long-id  RUNNING  x\n"
        + "b          -        -\n", t);
  }

  @Test
  void newlinesInCellsStayOnOneLineAndExtraCellsAreRefused() {
    assertEquals("A\nx y\n", new Table("A").row("x\ny").render());
    assertThrows(IllegalArgumentException.class, () -> new Table("A").row("1", "2"));
  }

  @Test
  void numbersPrintWithoutNeedlessDecimals() {
    var json = MasterClient.JSON;
    assertEquals("cpus:0.50 mem:128", OpsCommand.resources(json.createObjectNode().put("cpus", 0.5)
        .put("mem", 128.0).put("ports", "[31000-31001]")));
  }
}
