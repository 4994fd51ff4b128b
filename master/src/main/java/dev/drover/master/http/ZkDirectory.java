package dev.drover.master.http;

import dev.drover.zk.LeaderInfo;
import dev.drover.zk.LeaderTracker;
import dev.drover.zk.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;

/**
 * What the UI needs to find in ZooKeeper, kept current by Curator caches so HTTP handlers never block: the leaders
 * of the known frameworks ({@link #FRAMEWORKS}, at {@link ZkPaths#frameworkLeader}) and the masters contending in
 * the election (their ids, in latch order: the first one leads). Thread-safe; {@link #close} stops the caches.
 */
public final class ZkDirectory implements AutoCloseable {
  /** The frameworks reachable through the master's proxy under {@code /frameworks/<name>/...}. */
  public static final Set<String> FRAMEWORKS = Set.of("apps", "jobs");

  private final Map<String, LeaderTracker> frameworks = new TreeMap<>();
  private final CuratorCache election;

  private ZkDirectory(CuratorFramework zk) {
    for (String name : FRAMEWORKS) {
      frameworks.put(name, new LeaderTracker(zk, ZkPaths.frameworkLeader(name)).start());
    }
    election = CuratorCache.build(zk, ZkPaths.MASTER_ELECTION);
    election.start();
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

  /** The ids of the masters in the election, the leader first (latch nodes sort by their sequence suffix). */
  public List<String> masters() {
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
    election.close();
    frameworks.values().forEach(LeaderTracker::close);
  }
}
