package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped Grafana dashboard is valid JSON and queries only metrics docs/metrics.md documents. */
class GrafanaDashboardTest {
  private static final Pattern METRIC = Pattern.compile("\\bdrover_[a-z_]+");

  @Test
  void everyQueriedMetricIsDocumented() throws Exception {
    JsonNode dash = new ObjectMapper().readTree(Path.of("src/main/dist/grafana/drover.json").toFile());
    String doc = Files.readString(Path.of("../docs/metrics.md"));
    int queries = 0;
    for (JsonNode panel : dash.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries++;
        Matcher m = METRIC.matcher(target.path("expr").asText());
        assertTrue(m.find(), "no drover metric in " + target);
        do {
          String name = m.group().replaceAll("_(sum|count|max)$", "");
          assertTrue(doc.contains("`" + name + "`"), name + " (panel " + panel.path("title").asText()
              + ") is not in docs/metrics.md");
        } while (m.find());
      }
    }
    assertTrue(queries >= 15, "queries: " + queries);
  }
}
