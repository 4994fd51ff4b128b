package dev.drover.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link DeploymentWatch.Probe} over the apps framework's API through the master: {@code /v2/deployments},
 * {@code /v2/apps/{id}}, and a background reader of {@code /v2/events} that records how deployments end. Open it
 * before the change is sent so its events are not missed; close it to stop the reader. Thread-safe.
 */
final class AppsProbe implements DeploymentWatch.Probe, AutoCloseable {
  private static final String APPS = "/frameworks/apps";

  private final MasterClient api;
  private final Map<String, DeploymentWatch.Verdict> ended = new ConcurrentHashMap<>();
  private final CountDownLatch attached = new CountDownLatch(1);
  private final Thread reader;
  private volatile java.io.Closeable body;
  private volatile boolean closed;

  AppsProbe(MasterClient api) {
    this.api = api;
    this.reader = new Thread(this::read, "drover-events");
    reader.setDaemon(true);
    reader.start();
    try {
      attached.await(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void read() {
    try {
      api.stream(APPS + "/v2/events", open -> {
        body = open;
        if (closed) {
          close();
        }
      }, data -> {
        try {
          JsonNode e = MasterClient.JSON.readTree(data);
          String type = e.path("eventType").asText();
          attached.countDown();
          if (type.equals("deployment_success")) {
            ended.put(e.path("id").asText(), new DeploymentWatch.Verdict(true, null));
          } else if (type.equals("deployment_failed")) {
            ended.put(e.path("id").asText(), new DeploymentWatch.Verdict(false,
                e.path("reason").asText("the framework reported deployment_failed")));
          }
        } catch (IOException ignored) {
          // not an event of ours
        }
      });
    } catch (ApiException | java.io.UncheckedIOException e) {
      // no events (or closed): the watch falls back to polling /v2/deployments
    } finally {
      attached.countDown();
    }
  }

  @Override
  public boolean inFlight(String deploymentId) {
    for (JsonNode d : api.get(APPS + "/v2/deployments")) {
      if (d.path("id").asText().equals(deploymentId)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<DeploymentWatch.AppProgress> progress(List<String> appIds) {
    List<DeploymentWatch.AppProgress> out = new ArrayList<>();
    for (String id : appIds) {
      Optional<JsonNode> app = api.find(APPS + "/v2/apps/" + AppsOps.path(id)).map(a -> a.path("app"));
      out.add(app.map(a -> new DeploymentWatch.AppProgress(a.path("id").asText(id), a.path("instances").asInt(),
          a.path("tasksStaged").asInt(), a.path("tasksRunning").asInt(), a.path("tasksHealthy").asInt()))
          .orElse(new DeploymentWatch.AppProgress(id, -1, 0, 0, 0)));
    }
    return out;
  }

  @Override
  public Optional<DeploymentWatch.Verdict> verdict(String deploymentId) {
    return Optional.ofNullable(ended.get(deploymentId));
  }

  @Override
  public void close() {
    closed = true;
    java.io.Closeable b = body;
    if (b != null) {
      try {
        b.close();
      } catch (IOException ignored) {
        // closing only to stop reading
      }
    }
    reader.interrupt();
  }
}
