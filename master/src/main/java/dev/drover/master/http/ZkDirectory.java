package dev.drover.master.http;

import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import dev.drover.zk.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the UI needs to find in ZooKeeper, kept current by Curator caches so HTTP handlers never block: the leaders
 * of the known frameworks ({@link #FRAMEWORKS}, at {@link ZkPaths#frameworkLeader}), the masters contending in the
 * election (in latch order: the first one leads) and the addresses each master publishes at
 * {@link ZkPaths#MASTER_MEMBERS}. Thread-safe; {@link #close} stops the caches.
 */
public final class ZkDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ZkDirectory.class);
  /** The frameworks reachable through the master's proxy under {@code /frameworks/<name>/...}. */
  public static final Set<String> FRAMEWORKS = Set.of("apps", "jobs");

  /** A master as ZooKeeper shows it: its id, whether it leads, and its addresses when it published them. */
  public record MasterView(String id, boolean leader, Optional<LeaderInfo> address) {}

  private final Map<String, LeaderTracker> frameworks = new TreeMap<>();
  private final CuratorCache election;
  private final CuratorCache members;

  private ZkDirectory(CuratorFramework zk) {
    for (String name : FRAMEWORKS) {
      frameworks.put(name, new LeaderTracker(zk, ZkPaths.frameworkLeader(name)).start());
    }
    election = CuratorCache.build(zk, ZkPaths.MASTER_ELECTION);
    election.start();
    members = CuratorCache.build(zk, ZkPaths.MASTER_MEMBERS);
    members.start();
  }

  /** Starts following ZooKeeper through {@code zk} (which the caller keeps open longer than this). */
  public static ZkDirectory start(CuratorFramework zk) {
    return new ZkDirectory(zk);
  }

  /** The leader of framework {@code name}, if it is one of {@link #FRAMEWORKS} and one is known. */
  public Optional<LeaderInfo> framework(String name) {
    LeaderTracker t = frameworks.get(name);
    return t == null ? Optional.empty() : t.leader();
  }

  /**
   * The masters, the leader first: those in the election in latch order (the first leads), then any that published
   * an address without (yet) contending, as standbys. Each with the address it published, if any.
   */
  public List<MasterView> masters() {
    Map<String, LeaderInfo> addresses = new LinkedHashMap<>();
    members.stream().filter(d -> !d.getPath().equals(ZkPaths.MASTER_MEMBERS) && d.getData() != null
        && d.getData().length > 0).sorted(Comparator.comparing(ChildData::getPath)).forEach(d -> {
          try {
            LeaderInfo info = LeaderInfo.fromBytes(d.getData());
            addresses.put(info.id(), info);
          } catch (RuntimeException e) {
            LOG.debug("Skipping an unreadable master record at {}: {}", d.getPath(), e.toString());
          }
        });
    List<MasterView> out = new ArrayList<>();
    List<String> contending = contending();
    for (int i = 0; i < contending.size(); i++) {
      String id = contending.get(i);
      out.add(new MasterView(id, i == 0, Optional.ofNullable(addresses.remove(id))));
    }
    addresses.values().forEach(a -> out.add(new MasterView(a.id(), false, Optional.of(a))));
    return out;
  }

  /** The ids of the masters in the election, the leader first (latch nodes sort by their sequence suffix). */
  List<String> contending() {
    List<ChildData> nodes = new ArrayList<>();
    election.stream().filter(d -> !d.getPath().equals(ZkPaths.MASTER_ELECTION) && d.getData() != null
        && d.getData().length > 0).forEach(nodes::add);
    nodes.sort(Comparator.comparing(d -> sequence(d.getPath())));
    return nodes.stream().map(d -> new String(d.getData(), StandardCharsets.UTF_8)).distinct().toList();
  }

  static String sequence(String path) {
    int dash = path.lastIndexOf('-');
    return dash < 0 ? path : path.substring(dash + 1);
  }

  @Override
  public void close() {
    members.close();
    election.close();
    frameworks.values().forEach(LeaderTracker::close);
  }
}
