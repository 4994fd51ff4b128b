package dev.drover.sdk;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link SchedulerDriver} that speaks Drover's gRPC scheduler protocol. Build one with {@link #builder}, then
 * {@link #start()} it:
 *
 * <pre>{@code
 * SchedulerDriver driver = DroverSchedulerDriver.builder(scheduler, FrameworkConfig.builder("my-fw").build())
 *     .zk("127.0.0.1:2181/drover")
 *     .build();
 * driver.start();
 * driver.terminated().join();
 * }</pre>
 *
 * <p>With {@link Builder#zk} the driver follows the leading master's record in ZooKeeper and reconnects to each new
 * leader; with {@link Builder#master} it connects to one address (and follows the {@code leader=} hint of a master
 * that is not leading). After a lost connection it reconnects with backoff (100 ms doubling to 2 s) and re-subscribes
 * with the same framework id. A stream with no event for three heartbeat intervals counts as lost.
 *
 * <p>The threading, ordering and disconnection contracts are those of {@link Scheduler} and {@link SchedulerDriver}.
 * The driver owns one non-daemon thread, {@code drover-scheduler-<name>}, from {@link #start()} until it terminates;
 * it runs the callbacks and the driver's own bookkeeping.
 */
public final class DroverSchedulerDriver implements SchedulerDriver {
  private final DriverCore core;
  private final AtomicBoolean started = new AtomicBoolean();

  private DroverSchedulerDriver(Builder b) {
    LeaderSource leaders = b.zk != null
        ? LeaderSource.zooKeeper(b.zk, b.zkSessionTimeout)
        : LeaderSource.fixed(b.master);
    String threadName = "drover-scheduler-" + b.config.name();
    ScheduledThreadPoolExecutor loop = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = Executors.defaultThreadFactory().newThread(r);
      t.setName(threadName);
      t.setDaemon(false);
      return t;
    });
    loop.setRemoveOnCancelPolicy(true);
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.core = new DriverCore(this, b.scheduler, b.config, leaders, Optional.ofNullable(b.frameworkId),
        b.implicitAcknowledgements, b.subscribeTimeout, loop);
    this.core.channelCredentials(b.credentials);
  }

  /** A builder for a driver that reports to {@code scheduler} and subscribes as {@code config}. */
  public static Builder builder(Scheduler scheduler, FrameworkConfig config) {
    return new Builder(scheduler, config);
  }

  @Override
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("driver already started");
    }
    core.start();
  }

  @Override
  public void launch(Collection<String> offerIds, List<TaskSpec> tasks) {
    List<String> ids = List.copyOf(offerIds);
    List<TaskSpec> specs = List.copyOf(tasks);
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("launch needs at least one offer");
    }
    Set<String> taskIds = new HashSet<>();
    for (TaskSpec t : specs) {
      if (!taskIds.add(t.taskId())) {
        throw new IllegalArgumentException("task id " + t.taskId() + " appears twice");
      }
    }
    core.post(() -> core.launch(ids, specs));
  }

  @Override
  public void decline(String offerId, Duration refuse) {
    Objects.requireNonNull(offerId, "offerId");
    if (refuse.isNegative()) {
      throw new IllegalArgumentException("refuse must not be negative");
    }
    core.post(() -> core.decline(offerId, refuse));
  }

  @Override
  public void kill(String taskId, Optional<String> agentId) {
    Objects.requireNonNull(taskId, "taskId");
    Optional<String> agent = agentId.filter(a -> !a.isEmpty());
    core.post(() -> core.kill(taskId, agent));
  }

  @Override
  public void acknowledge(TaskStatus status) {
    Objects.requireNonNull(status, "status");
    core.post(() -> core.acknowledge(status));
  }

  @Override
  public void reconcile(Collection<TaskRef> tasks) {
    List<TaskRef> refs = List.copyOf(tasks);
    core.post(() -> core.reconcile(refs));
  }

  @Override
  public void revive() {
    core.post(core::revive);
  }

  @Override
  public void suppress() {
    core.post(core::suppress);
  }

  @Override
  public void stop(boolean failover) {
    started.set(true); // a driver stopped before it started can no longer start
    core.post(() -> core.stop(failover));
  }

  @Override
  public CompletableFuture<Void> terminated() {
    return core.terminated();
  }

  @Override
  public Optional<String> frameworkId() {
    return core.frameworkId();
  }

  @Override
  public boolean isSubscribed() {
    return core.isSubscribed();
  }

  /**
   * Configures a {@link DroverSchedulerDriver}. Exactly one of {@link #zk} and {@link #master} is required. Not
   * thread-safe.
   */
  public static final class Builder {
    private final Scheduler scheduler;
    private final FrameworkConfig config;
    private String zk;
    private String master;
    private String frameworkId;
    private boolean implicitAcknowledgements = true;
    private Duration zkSessionTimeout = Duration.ofSeconds(10);
    private Duration subscribeTimeout = Duration.ofSeconds(10);
    private ChannelCredentials credentials = InsecureChannelCredentials.create();

    private Builder(Scheduler scheduler, FrameworkConfig config) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Finds the leading master in ZooKeeper, e.g. {@code 127.0.0.1:2181/drover} (hosts plus chroot). */
    public Builder zk(String connectString) {
      this.zk = Objects.requireNonNull(connectString, "connectString");
      return this;
    }

    /** Connects to one master's gRPC address, {@code host:port}. */
    public Builder master(String target) {
      this.master = Objects.requireNonNull(target, "target");
      return this;
    }

    /** Resumes an existing framework (e.g. after this scheduler process failed over). */
    public Builder frameworkId(String frameworkId) {
      this.frameworkId = frameworkId == null || frameworkId.isEmpty() ? null : frameworkId;
      return this;
    }

    /**
     * Whether the driver acknowledges each update that carries a uuid after {@link Scheduler#statusUpdate} returns
     * normally (default true). When false, call {@link SchedulerDriver#acknowledge} yourself.
     */
    public Builder implicitAcknowledgements(boolean implicit) {
      this.implicitAcknowledgements = implicit;
      return this;
    }

    /** ZooKeeper session timeout for leader detection (default 10 s). */
    public Builder zkSessionTimeout(Duration timeout) {
      this.zkSessionTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** How long to wait for SUBSCRIBED on a new stream before trying again (default 10 s). */
    public Builder subscribeTimeout(Duration timeout) {
      this.subscribeTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /**
     * How to dial the master (default plaintext without credentials). For a secured cluster: grpc-java's
     * {@code TlsChannelCredentials} trusting the cluster's CA (with a client certificate for mutual TLS), composed
     * with {@code CallCredentials} that send {@code authorization: Bearer <token>}; the {@code drover-security}
     * module builds these from a settings file ({@code Security.grpcChannelCredentials()}). Set
     * {@link FrameworkConfig#principal} to the principal the credentials authenticate.
     */
    public Builder channelCredentials(ChannelCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Builds the driver; nothing connects before {@link SchedulerDriver#start()}. */
    public DroverSchedulerDriver build() {
      if ((zk == null) == (master == null)) {
        throw new IllegalStateException("set exactly one of zk(...) and master(...)");
      }
      return new DroverSchedulerDriver(this);
    }
  }
}
