package dev.drover.apps.engine;

import dev.drover.apps.engine.core.Engine;
import dev.drover.apps.engine.core.EngineOptions;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.sdk.Offer;
import dev.drover.sdk.TaskSpec;
import dev.drover.sdk.TaskStatus;
import dev.drover.sdk.state.InMemoryStateStore;
import dev.drover.sdk.state.StateStore;
import dev.drover.sdk.toolkit.ManualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine with a manual clock, an in-memory store, a recording driver and its loop run inline: every call returns
 * after the engine handled it. Deterministic (ids are counters).
 */
public final class EngineHarness {
  public final ManualTimer timer = new ManualTimer(Instant.parse("2026-01-01T00:00:00Z"));
  public final StateStore store;
  public final RecordingDriver driver = new RecordingDriver();
  public final Engine engine;
  public final List<EngineEvent> events = new ArrayList<>();
  private final AtomicInteger ids;
  private int offers;

  public EngineHarness() {
    this(new InMemoryStateStore(), EngineOptions.defaults(), new AtomicInteger());
  }

  public EngineHarness(StateStore store, EngineOptions options, AtomicInteger ids) {
    this.store = store;
    this.ids = ids;
    engine = Engine.create(store, timer, options, Runnable::run, () -> "u" + ids.incrementAndGet());
    engine.attach(driver);
    engine.subscribe(events::add);
    engine.start();
    engine.registered(driver, "fw-test", "master-1");
  }

  /** A harness over the same store (a new leader), sharing the id counter. */
  public EngineHarness failover() {
    engine.close();
    return new EngineHarness(store, EngineOptions.defaults(), ids);
  }

  public DeploymentRef deploy(AppChange... changes) {
    return engine.deploy(new DeploymentRequest(List.of(changes), timer.now(), false)).join();
  }

  public static Offer offer(String agent, double cpus, double mem, Map<String, String> attrs) {
    Resources r = Resources.parse("cpus:" + cpus + ";mem:" + mem + ";disk:1000;ports:[31000-31099]");
    return new Offer("offer-" + agent + "-" + System.nanoTime(), agent, agent + ".host", r, attrs);
  }

  /** Offers one agent's resources; returns the tasks launched on it. */
  public List<TaskSpec> offer(String agent, double cpus, double mem) {
    return offer(offer(agent, cpus, mem, Map.of("rack", "r" + (agent.hashCode() % 2))));
  }

  public List<TaskSpec> offer(Offer o) {
    int before = driver.launched.size();
    engine.resourceOffers(driver, List.of(o));
    offers++;
    return new ArrayList<>(driver.launched.values()).subList(before, driver.launched.size());
  }

  public void status(String taskId, TaskState state) {
    status(taskId, state, null);
  }

  public void status(String taskId, TaskState state, Boolean healthy) {
    String agent = engine.instances().values().stream().flatMap(List::stream).filter(i -> i.id().equals(taskId))
        .map(InstanceView::slaveId).findFirst().orElse("");
    engine.statusUpdate(driver, new TaskStatus(taskId, state, "REASON_TEST", "", agent, OptionalInt.empty(),
        Optional.ofNullable(healthy), timer.now(), TaskStatus.Source.AGENT, "", "uuid-" + taskId + state));
  }

  /** Marks every launched task of {@code tasks} RUNNING (and healthy, when {@code healthy} is not null). */
  public void run(List<TaskSpec> tasks, Boolean healthy) {
    tasks.forEach(t -> status(t.taskId(), TaskState.RUNNING, healthy));
  }

  public void advance(Duration d) {
    timer.advance(d);
  }

  public List<InstanceView> instances(String appId) {
    return engine.instances(appId);
  }

  public long countState(String appId, String state) {
    return instances(appId).stream().filter(i -> i.state().equals(state)).count();
  }

  public List<String> eventTypes() {
    return events.stream().map(EngineEvent::eventType).toList();
  }
}
