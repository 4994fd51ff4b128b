package dev.drover.agent.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.rpc.AgentProtos;
import dev.drover.proto.v1.Attribute;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeParserTest {
  @Test
  void numbersAreScalarsAndTheRestText() {
    List<AgentAttribute> attrs = AttributeParser.parse("rack:r1; zone:a ;level:3;weight:0.5;build:3a");
    assertEquals(List.of(AgentAttribute.text("rack", "r1"), AgentAttribute.text("zone", "a"),
        AgentAttribute.scalar("level", 3), AgentAttribute.scalar("weight", 0.5),
        AgentAttribute.text("build", "3a")), attrs);
    assertEquals("3", attrs.get(2).value());
  }

  @Test
  void blankIsNone() {
    assertTrue(AttributeParser.parse("").isEmpty());
    assertTrue(AttributeParser.parse(null).isEmpty());
    assertTrue(AttributeParser.parse(" ; ").isEmpty());
  }

  @Test
  void rejectsEntriesWithoutNameOrValue() {
    assertThrows(IllegalArgumentException.class, () -> AttributeParser.parse("rack"));
    assertThrows(IllegalArgumentException.class, () -> AttributeParser.parse(":r1"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttributeParser.parse("rack:"));
    assertTrue(e.getMessage().contains("rack:"), e.getMessage());
  }

  @Test
  void convertsToWireAttributes() {
    List<Attribute> wire = AgentProtos.toProto(AttributeParser.parse("rack:r1;level:3"));
    assertEquals(Attribute.newBuilder().setName("rack").setType(Attribute.Type.TEXT).setText("r1").build(),
        wire.get(0));
    assertEquals(Attribute.newBuilder().setName("level").setType(Attribute.Type.SCALAR).setScalar(3).build(),
        wire.get(1));
  }
}
