package dev.drover.agent;

import dev.drover.agent.checkpoint.CheckpointStore;
import dev.drover.agent.checkpoint.TaskCheckpoint;
import dev.drover.agent.container.Containerizers;
import dev.drover.agent.container.docker.DockerClients;
import dev.drover.agent.container.docker.DockerContainerizer;
import dev.drover.agent.container.process.Cgroups;
import dev.drover.agent.container.process.ProcessContainerizer;
import dev.drover.agent.http.AgentHttpServer;
import dev.drover.agent.http.AgentStateView;
import dev.drover.agent.resources.AgentAttribute;
import dev.drover.agent.resources.AttributeParser;
import dev.drover.agent.resources.ResourceDetector;
import dev.drover.agent.metrics.AgentMetrics;
import dev.drover.agent.rpc.MasterLink;
import dev.drover.agent.rpc.MasterSession;
import dev.drover.agent.rpc.ProtoCheckpointCodec;
import dev.drover.agent.status.CheckpointingStatusUpdateManager;
import dev.drover.agent.status.StatusUpdate;
import dev.drover.agent.status.StatusUpdateManager;
import dev.drover.agent.task.ProcessLauncher;
import dev.drover.agent.task.TaskManager;
import dev.drover.model.Resources;
import dev.drover.model.TaskState;
import dev.drover.security.Security;
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
 * stream and runs the tasks it is given as processes or Docker containers. On start it first recovers what an
 * earlier run checkpointed in the work dir ({@link RecoverMode}). {@link #start} returns once HTTP listens;
 * registration happens in the background.
 *
 * <p>{@link #close} kills the agent's tasks: it SIGKILLs every live task's process group and force-removes its
 * containers (so local mode leaks no processes), then stops reconnecting, closes the stream, stops HTTP and closes
 * the ZooKeeper client. No statuses are sent for tasks killed this way; a later agent with the same work dir
 * re-registers under the same id and reports them ended.
 * Thread-safe.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final LoopScheduler loop;
  private final AgentIdStore ids;
  private final TaskManager tasks;
  private final Containerizers containerizers;
  private final MasterLink link;
  private final AgentHttpServer http;
  private final CuratorFramework curator;
  private final LeaderTracker tracker;
  private final CheckpointStore checkpoints;
  private volatile boolean closed;

  private Agent(LoopScheduler loop, AgentIdStore ids, TaskManager tasks, Containerizers containerizers,
      MasterLink link, AgentHttpServer http, CuratorFramework curator, LeaderTracker tracker,
      CheckpointStore checkpoints) {
    this.checkpoints = checkpoints;
    this.containerizers = containerizers;
    this.loop = loop;
    this.ids = ids;
    this.tasks = tasks;
    this.link = link;
    this.http = http;
    this.curator = curator;
    this.tracker = tracker;
  }

  /** Starts an agent without security (and says so loudly); see the class contract. */
  public static Agent start(AgentConfig config) {
    return start(config, Security.insecure());
  }

  /**
   * Starts an agent; see the class contract. {@code security} gives its HTTP API TLS, authentication and ACLs, and
   * its link to the master TLS and the agent's token (docs/security.md).
   */
  public static Agent start(AgentConfig config, Security security) {
    security.warnIfInsecure("agent");
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
    CheckpointStore checkpoints = null;
    try {
      Clock clock = Clock.systemUTC();
      AgentMetrics metrics = new AgentMetrics();
      checkpoints = CheckpointStore.open(config.workDir(), new ProtoCheckpointCodec());
      StatusUpdateManager statuses = new CheckpointingStatusUpdateManager(loop, config.statusRetryInitial(),
          config.statusRetryMax(), checkpoints);
      ProcessContainerizer processes = new ProcessContainerizer(ProcessLauncher.detect(),
          Cgroups.detect(config.workDir()),
          config.containers().allowRootTasks());
      DockerContainerizer docker = new DockerContainerizer(DockerClients.create(config.containers().dockerHost()),
          config.containers(), () -> ids.current().orElse(""));
      Containerizers containerizers = new Containerizers(processes, Optional.of(docker));
      TaskManager tasks = new TaskManager(loop, clock, total, config.workDir().resolve("sandboxes"),
          config.hostname(), () -> ids.current().orElse(""), containerizers,
          config.defaultKillGracePeriod(), u -> {
            metrics.observe(u);
            statuses.update(u);
          });
      tasks.onPruned(statuses::forget);
      tasks.checkpointTo(checkpoints);
      recover(loop, checkpoints, statuses, tasks, config.recover());

      // HTTP must listen before the session exists (the session advertises its port); /state finds it here.
      AtomicReference<MasterSession> sessionRef = new AtomicReference<>();
      AgentHttpServer http = AgentHttpServer.start(config.bindAddress(), config.httpPort(),
          () -> loop.submit(() -> new AgentStateView(ids.current(), config.hostname(),
              sessionRef.get() != null && sessionRef.get().registered(), total, tasks.used(), attributes,
              tasks.tasks(), processes.isolation())), config.workDir().resolve("sandboxes"), metrics::scrape, security);
      MasterSession session = new MasterSession(new MasterSession.Identity(config.hostname(), http.port(), total,
          attributes, version()), ids, tasks, statuses);
      sessionRef.set(session);
      MasterLink link = new MasterLink(loop, clock, config.reconnectInitial(), config.reconnectMax(),
          config.maxMissedPings(), session, security.grpcChannelCredentials());
      session.attach(link);

      LeaderTracker tracker = new LeaderTracker(curator, ZkPaths.MASTER_LEADER);
      tracker.addListener(leader -> loop.execute(() -> link.leaderChanged(leader)));
      tracker.start();
      loop.execute(() -> link.leaderChanged(tracker.leader()));
      return new Agent(loop, ids, tasks, containerizers, link, http, curator, tracker, checkpoints);
    } catch (RuntimeException e) {
      loop.shutdown();
      if (checkpoints != null) {
        checkpoints.close();
      }
      curator.close();
      throw e;
    }
  }

  /** Takes back the tasks and status streams an earlier run checkpointed, before the agent talks to a master. */
  private static void recover(LoopScheduler loop, CheckpointStore checkpoints, StatusUpdateManager statuses,
      TaskManager tasks, RecoverMode mode) {
    List<TaskCheckpoint> found = checkpoints.load();
    if (found.isEmpty()) {
      return;
    }
    LOG.info("Recovering {} checkpointed task(s) from the work dir ({})", found.size(), mode);
    try {
      loop.submit(() -> {
        for (TaskCheckpoint c : found) {
          statuses.recover(c.key(), c.latest(), c.pending());
          c.spec().ifPresent(spec -> tasks.recover(spec, c.runtime(),
              c.latest().map(StatusUpdate::state).orElse(TaskState.STAGING), mode == RecoverMode.CLEANUP));
        }
        return null;
      }).get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot recover checkpointed tasks", e);
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
    checkpoints.close();
    containerizers.close();
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
