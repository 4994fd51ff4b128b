package dev.drover.master.core;

import dev.drover.master.agent.AgentChannel;
import dev.drover.master.framework.FrameworkChannel;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.launch.TaskSpec;
import dev.drover.master.offer.Offer;
import dev.drover.master.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Channels that record what the core sends, as short strings and values, for assertions after a drain. */
final class FakeChannels {
  private FakeChannels() {}

  static final class Agent implements AgentChannel {
    final List<String> log = new CopyOnWriteArrayList<>();
    volatile String id;

    @Override
    public void registered(String agentId, String masterId, Duration pingInterval) {
      id = agentId;
      log.add("REGISTERED " + agentId);
    }

    @Override
    public void runTasks(String frameworkId, FrameworkDescriptor framework, List<TaskSpec> tasks) {
      tasks.forEach(t -> log.add("RUN " + t.taskId()));
    }

    @Override
    public void killTask(String frameworkId, String taskId, Double gracePeriodSeconds) {
      log.add("KILL " + taskId);
    }

    @Override
    public void acknowledge(String frameworkId, String taskId, byte[] uuid) {
      log.add("ACK " + taskId);
    }

    @Override
    public void shutdownFramework(String frameworkId) {
      log.add("SHUTDOWN " + frameworkId);
    }

    @Override
    public void ping(long sequence) {}

    @Override
    public void fail(String description) {
      log.add("FAIL " + description);
    }

    @Override
    public void close() {
      log.add("CLOSE");
    }
  }

  static final class Framework implements FrameworkChannel {
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<Offer> offers = new CopyOnWriteArrayList<>();
    final List<TaskStatus> updates = new CopyOnWriteArrayList<>();
    volatile String id;

    @Override
    public void subscribed(String frameworkId, Duration heartbeatInterval, String masterId) {
      id = frameworkId;
      log.add("SUBSCRIBED " + frameworkId);
    }

    @Override
    public void offers(List<Offer> list) {
      offers.addAll(list);
    }

    @Override
    public void rescind(String offerId) {
      log.add("RESCIND " + offerId);
    }

    @Override
    public void update(TaskStatus status) {
      updates.add(status);
    }

    @Override
    public void heartbeat() {}

    @Override
    public void agentFailure(String agentId) {
      log.add("FAILURE " + agentId);
    }

    @Override
    public void error(String message) {
      log.add("ERROR " + message);
    }

    @Override
    public void fail(String description) {
      log.add("FAIL " + description);
    }
  }
}
