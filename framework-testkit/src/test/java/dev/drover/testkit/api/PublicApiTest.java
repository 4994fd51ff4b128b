package dev.drover.testkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.sdk.api.ApiLister;
import dev.drover.testkit.DroverCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Guards the testkit's public API: compares it with {@code src/test/resources/api/framework-testkit.api}. */
class PublicApiTest {
  static final Path SNAPSHOT = Path.of("src/test/resources/api/framework-testkit.api");

  @Test
  void publicApiMatchesTheSnapshot() throws IOException {
    List<String> actual = ApiLister.list(DroverCluster.class, Set.of("dev.drover.testkit"));
    if (Boolean.getBoolean("api.update")) {
      Files.write(SNAPSHOT, actual);
    }
    List<String> expected = Files.exists(SNAPSHOT) ? Files.readAllLines(SNAPSHOT) : List.of();
    assertEquals(String.join("\n", expected), String.join("\n", actual),
        "The public API of framework-testkit changed. If that is deliberate, update the snapshot with:"
            + " ./mvnw -B -pl framework-testkit test -Dtest=PublicApiTest -Dapi.update=true"
            + " and commit " + SNAPSHOT + " with the change.");
  }
}
