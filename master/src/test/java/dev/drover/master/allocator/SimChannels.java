package dev.drover.master.allocator;

import dev.drover.master.agent.AgentChannel;
import dev.drover.master.framework.FrameworkChannel;
import dev.drover.master.framework.FrameworkDescriptor;
import dev.drover.master.launch.TaskSpec;
import dev.drover.master.offer.Offer;
import dev.drover.master.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fake agent and framework streams for the in-process master: they record what the master sends them. */
final class SimChannels {
  private SimChannels() {}

  static final class Agent implements AgentChannel {
    final List<String> log = new CopyOnWriteArrayList<>();
    volatile String id;

    @Override
    public void registered(String agentId, String masterId, Duration pingInterval) {
      id = agentId;
    }

    @Override
    public void runTasks(String frameworkId, FrameworkDescriptor framework, List<TaskSpec> tasks) {
      tasks.forEach(t -> log.add("RUN " + t.taskId()));
    }

    @Override
    public void killTask(String frameworkId, String taskId, Double gracePeriodSeconds) {}

    @Override
    public void acknowledge(String frameworkId, String taskId, byte[] uuid) {}

    @Override
    public void shutdownFramework(String frameworkId) {}

    @Override
    public void ping(long sequence) {}

    @Override
    public void fail(String description) {
      log.add("FAIL " + description);
    }

    @Override
    public void close() {}
  }

  static final class Framework implements FrameworkChannel {
    final List<Offer> offers = new CopyOnWriteArrayList<>();
    final List<String> rescinded = new CopyOnWriteArrayList<>();
    volatile String id;

    @Override
    public void subscribed(String frameworkId, Duration heartbeatInterval, String masterId) {
      id = frameworkId;
    }

    @Override
    public void offers(List<Offer> list) {
      offers.addAll(list);
    }

    @Override
    public void rescind(String offerId) {
      rescinded.add(offerId);
    }

    @Override
    public void update(TaskStatus status) {}

    @Override
    public void heartbeat() {}

    @Override
    public void error(String message) {}

    @Override
    public void fail(String description) {}
  }
}
