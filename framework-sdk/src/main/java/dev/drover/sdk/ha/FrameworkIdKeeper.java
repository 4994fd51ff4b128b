package dev.drover.sdk.ha;

import dev.drover.sdk.Offer;
import dev.drover.sdk.Scheduler;
import dev.drover.sdk.SchedulerDriver;
import dev.drover.sdk.TaskStatus;
import dev.drover.sdk.state.StateStoreException;
import dev.drover.zk.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Keeps the framework id the master assigned, in ZooKeeper at {@code ZkPaths.frameworkId(name)}, so that whichever
 * instance leads next resumes the same framework (and its running tasks) instead of registering a new one:
 *
 * <pre>{@code
 * FrameworkIdKeeper ids = new FrameworkIdKeeper(client, "my-fw");
 * DroverSchedulerDriver.Builder b = DroverSchedulerDriver.builder(ids.persisting(scheduler), config).zk(zk);
 * ids.load().ifPresent(b::frameworkId);
 * }</pre>
 *
 * Thread-safe; blocking; ZooKeeper failures surface as {@link StateStoreException}.
 */
public final class FrameworkIdKeeper {
  private final CuratorFramework client;
  private final String path;

  /** A keeper for framework {@code frameworkName} through {@code client} (started; the caller closes it). */
  public FrameworkIdKeeper(CuratorFramework client, String frameworkName) {
    this.client = client;
    this.path = ZkPaths.frameworkId(frameworkName);
  }

  /** The stored id, or empty when the framework never registered (or was torn down and {@link #clear}ed). */
  public Optional<String> load() {
    try {
      return Optional.of(new String(client.getData().forPath(path), StandardCharsets.UTF_8));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    } catch (Exception e) {
      throw failed("load", e);
    }
  }

  /** Stores {@code frameworkId}, replacing any previous one. */
  public void save(String frameworkId) {
    byte[] data = frameworkId.getBytes(StandardCharsets.UTF_8);
    try {
      try {
        client.create().creatingParentContainersIfNeeded().forPath(path, data);
      } catch (KeeperException.NodeExistsException e) {
        client.setData().forPath(path, data);
      }
    } catch (Exception e) {
      throw failed("save", e);
    }
  }

  /** Forgets the id, e.g. after a teardown, so the next start registers a new framework. */
  public void clear() {
    try {
      client.delete().forPath(path);
    } catch (KeeperException.NoNodeException e) {
      // already gone
    } catch (Exception e) {
      throw failed("clear", e);
    }
  }

  /**
   * Wraps {@code scheduler} so the id is {@link #save saved} in {@link Scheduler#registered} before the wrapped
   * callback runs. Every other callback is passed through unchanged, on the same thread.
   */
  public Scheduler persisting(Scheduler scheduler) {
    return new Scheduler() {
      @Override
      public void registered(SchedulerDriver driver, String frameworkId, String masterId) {
        save(frameworkId);
        scheduler.registered(driver, frameworkId, masterId);
      }

      @Override
      public void reregistered(SchedulerDriver driver, String masterId) {
        scheduler.reregistered(driver, masterId);
      }

      @Override
      public void resourceOffers(SchedulerDriver driver, List<Offer> offers) {
        scheduler.resourceOffers(driver, offers);
      }

      @Override
      public void offerRescinded(SchedulerDriver driver, String offerId) {
        scheduler.offerRescinded(driver, offerId);
      }

      @Override
      public void statusUpdate(SchedulerDriver driver, TaskStatus status) {
        scheduler.statusUpdate(driver, status);
      }

      @Override
      public void agentLost(SchedulerDriver driver, String agentId) {
        scheduler.agentLost(driver, agentId);
      }

      @Override
      public void disconnected(SchedulerDriver driver) {
        scheduler.disconnected(driver);
      }

      @Override
      public void error(SchedulerDriver driver, String message) {
        scheduler.error(driver, message);
      }
    };
  }

  private StateStoreException failed(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new StateStoreException(what + " framework id at " + path + " failed: " + e, e);
  }
}
