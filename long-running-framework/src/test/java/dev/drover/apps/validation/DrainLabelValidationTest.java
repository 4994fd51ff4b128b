package dev.drover.apps.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drover.apps.model.AppJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drain period label is whole seconds from 0 to 600, or a 422 naming it (docs/router.md). */
class DrainLabelValidationTest {
  private final AppValidator validator = new AppValidator();

  private void validate(String drain) throws Exception {
    validator.validate(AppJson.MAPPER.readTree("{\"id\": \"web\", \"cmd\": \"sleep 1\", \"labels\": "
        + "{\"DROVER_DRAIN_SECONDS\": \"" + drain + "\"}}"), "/", null);
  }

  @Test
  void wholeSecondsUpTo600AreAcceptedAndAnythingElseIsRefused() throws Exception {
    validate("0");
    validate(" 5 ");
    validate("600");
    for (String bad : List.of("601", "-1", "2.5", "soon", "", "1000")) {
      InvalidException e = assertThrows(InvalidException.class, () -> validate(bad), bad);
      assertEquals("/labels/DROVER_DRAIN_SECONDS", e.details().get(0).path(), bad);
      assertEquals(List.of("must be whole seconds from 0 to 600"), e.details().get(0).errors(), bad);
    }
  }
}
