package dev.drover.sdk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameworkRemovedExceptionTest {
  @Test
  void errorsThatEndTheFrameworkAreFatal() {
    assertTrue(FrameworkRemovedException.isRemoval("Framework fw-1 has been torn down"));
    assertTrue(FrameworkRemovedException.isRemoval("unknown framework fw-9"));
    assertFalse(FrameworkRemovedException.isRemoval("framework info is invalid: no name"));
  }
}
