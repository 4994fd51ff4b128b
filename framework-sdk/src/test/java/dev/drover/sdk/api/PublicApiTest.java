package dev.drover.sdk.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.sdk.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Guards the SDK's public API against accidental change: lists every public type of the published packages and its
 * public and protected members, and compares the list with {@code src/test/resources/api/framework-sdk.api}.
 */
class PublicApiTest {
  static final Path SNAPSHOT = Path.of("src/test/resources/api/framework-sdk.api");
  static final Set<String> PACKAGES = Set.of("dev.drover.sdk", "dev.drover.sdk.placement", "dev.drover.sdk.state",
      "dev.drover.sdk.ha", "dev.drover.sdk.toolkit");

  @Test
  void publicApiMatchesTheSnapshot() throws IOException {
    List<String> actual = ApiLister.list(Scheduler.class, PACKAGES);
    if (Boolean.getBoolean("api.update")) {
      Files.write(SNAPSHOT, actual);
    }
    List<String> expected = Files.exists(SNAPSHOT) ? Files.readAllLines(SNAPSHOT) : List.of();
    assertEquals(String.join("\n", expected), String.join("\n", actual),
        "The public API of framework-sdk changed. If that is deliberate (and compatible, or announced), update the"
            + " snapshot with: ./mvnw -B -pl framework-sdk test -Dtest=PublicApiTest -Dapi.update=true"
            + " and commit " + SNAPSHOT + " with the change.");
  }
}
