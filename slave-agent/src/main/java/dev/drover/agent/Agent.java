package dev.drover.agent;

import dev.drover.agent.http.AgentHttpServer;
import dev.drover.agent.http.AgentStateView;
import dev.drover.agent.resources.AgentAttribute;
import dev.drover.agent.resources.AttributeParser;
import dev.drover.agent.resources.ResourceDetector;
import dev.drover.agent.rpc.MasterLink;
import dev.drover.agent.rpc.MasterSession;
import dev.drover.agent.status.StatusUpdateManager;
import dev.drover.agent.task.ProcessLauncher;
import dev.drover.agent.task.TaskManager;
import dev.drover.model.Resources;
import dev.drover.zk.LeaderTracker;
import dev.drover.zk.ZkClients;
import dev.drover.zk.ZkPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: serves HTTP, follows the leading master through ZooKeeper, registers with it over one gRPC
 * stream and runs the tasks it is given as processes. {@link #start} returns once HTTP listens; registration
 * happens in the background.
 *
 * <p>{@link #close} kills the agent's tasks: it SIGKILLs every live task's process group (so local mode leaks no
 * processes), then stops reconnecting, closes the stream, stops HTTP and closes the ZooKeeper client. No statuses
 * are sent for tasks killed this way; a later agent with the same work dir re-registers under the same id.
 * Thread-safe.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final LoopScheduler loop;
  private final AgentIdStore ids;
  private final TaskManager tasks;
  private final MasterLink link;
  private final AgentHttpServer http;
  private final CuratorFramework curator;
  private final LeaderTracker tracker;
  private volatile boolean closed;

  private Agent(LoopScheduler loop, AgentIdStore ids, TaskManager tasks, MasterLink link, AgentHttpServer http,
      CuratorFramework curator, LeaderTracker tracker) {
    this.loop = loop;
    this.ids = ids;
    this.tasks = tasks;
    this.link = link;
    this.http = http;
    this.curator = curator;
    this.tracker = tracker;
  }

  /** Starts an agent; see the class contract. */
  public static Agent start(AgentConfig config) {
    try {
      Files.createDirectories(config.workDir().resolve("sandboxes"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create work dir " + config.workDir(), e);
    }
    Resources total = ResourceDetector.merge(ResourceDetector.detect(config.workDir()),
        Resources.parse(config.resources()));
    List<AgentAttribute> attributes = AttributeParser.parse(config.attributes());
    AgentIdStore ids = new AgentIdStore(config.workDir());
    LOG.info("Agent starting: hostname {}, resources {}, attributes {}, id {}", config.hostname(), total,
        config.attributes(), ids.current().orElse("(none yet)"));

    CuratorFramework curator = ZkClients.start(config.zk(), config.zkSessionTimeout());
    LoopScheduler loop = new LoopScheduler("agent-loop");
    try {
      Clock clock = Clock.systemUTC();
      StatusUpdateManager statuses = new StatusUpdateManager(loop, config.statusRetryInitial(),
          config.statusRetryMax());
      TaskManager tasks = new TaskManager(loop, clock, total, config.workDir().resolve("sandboxes"),
          config.hostname(), () -> ids.current().orElse(""), ProcessLauncher.detect(),
          config.defaultKillGracePeriod(), statuses::update);
      tasks.onPruned(statuses::forget);

      // HTTP must listen before the session exists (the session advertises its port); /state finds it here.
      AtomicReference<MasterSession> sessionRef = new AtomicReference<>();
      AgentHttpServer http = AgentHttpServer.start(config.bindAddress(), config.httpPort(),
          () -> loop.submit(() -> new AgentStateView(ids.current(), config.hostname(),
              sessionRef.get() != null && sessionRef.get().registered(), total, tasks.used(), attributes,
              tasks.tasks())));
      MasterSession session = new MasterSession(new MasterSession.Identity(config.hostname(), http.port(), total,
          attributes, version()), ids, tasks, statuses);
      sessionRef.set(session);
      MasterLink link = new MasterLink(loop, clock, config.reconnectInitial(), config.reconnectMax(),
          config.maxMissedPings(), session);
      session.attach(link);

      LeaderTracker tracker = new LeaderTracker(curator, ZkPaths.MASTER_LEADER);
      tracker.addListener(leader -> loop.execute(() -> link.leaderChanged(leader)));
      tracker.start();
      loop.execute(() -> link.leaderChanged(tracker.leader()));
      return new Agent(loop, ids, tasks, link, http, curator, tracker);
    } catch (RuntimeException e) {
      loop.shutdown();
      curator.close();
      throw e;
    }
  }

  public int httpPort() {
    return http.port();
  }

  /** The id the master gave this agent (or the one remembered from an earlier run), if any. */
  public Optional<String> agentId() {
    return ids.current();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("Agent closing: killing tasks, leaving the master");
    try {
      loop.submit(() -> {
        link.close();
        tasks.killAllNow();
        return null;
      }).get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Could not stop tasks cleanly: {}", e.toString());
    }
    loop.shutdown();
    http.close();
    tracker.close();
    curator.close();
    LOG.info("Agent closed");
  }

  private static String version() {
    String v = Agent.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }
}
