package dev.drover.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every callback as text, the threads they ran on, and whether two ever overlapped. */
class RecordingScheduler implements Scheduler {
  final List<String> events = new ArrayList<>();
  final List<Offer> offers = new ArrayList<>();
  final List<TaskStatus> statuses = new ArrayList<>();
  final Set<String> threads = ConcurrentHashMap.newKeySet();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();

  private void record(String event, Runnable more) {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    threads.add(Thread.currentThread().getName());
    try {
      synchronized (this) {
        events.add(event);
        more.run();
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  synchronized List<Offer> offers() {
    return List.copyOf(offers);
  }

  synchronized List<TaskStatus> statuses() {
    return List.copyOf(statuses);
  }

  void awaitEvent(String event) {
    Await.until("callback " + event + " (saw " + events() + ")", () -> events().contains(event));
  }

  @Override
  public void registered(SchedulerDriver driver, String frameworkId, String masterId) {
    record("registered " + frameworkId + " " + masterId, () -> {});
  }

  @Override
  public void reregistered(SchedulerDriver driver, String masterId) {
    record("reregistered " + masterId, () -> {});
  }

  @Override
  public void resourceOffers(SchedulerDriver driver, List<Offer> offers) {
    record("offers " + offers.size(), () -> this.offers.addAll(offers));
  }

  @Override
  public void offerRescinded(SchedulerDriver driver, String offerId) {
    record("rescinded " + offerId, () -> {});
  }

  @Override
  public void statusUpdate(SchedulerDriver driver, TaskStatus status) {
    record("update " + status.taskId() + " " + status.state(), () -> statuses.add(status));
  }

  @Override
  public void disconnected(SchedulerDriver driver) {
    record("disconnected", () -> {});
  }

  @Override
  public void error(SchedulerDriver driver, String message) {
    record("error " + message, () -> {});
  }
}
