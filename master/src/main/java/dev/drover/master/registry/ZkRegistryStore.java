package dev.drover.master.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.master.maintenance.DrainRecord;
import dev.drover.model.Resources;
import dev.drover.zk.ZkPaths;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.OpResult;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry in ZooKeeper: one persistent node per agent under {@link ZkPaths#MASTER_REGISTRY_AGENTS} and one
 * per framework under {@link ZkPaths#MASTER_REGISTRY_FRAMEWORKS}, named by id, holding the codec's bytes.
 * A record that cannot be decoded is logged and skipped on load.
 */
public final class ZkRegistryStore implements RegistryStore {
  private static final Logger LOG = LoggerFactory.getLogger(ZkRegistryStore.class);
  /** Drains, one JSON node per agent. (Belongs in ZkPaths; kept here while zk-config is not this change's.) */
  static final String MAINTENANCE = ZkPaths.MASTER_REGISTRY + "/maintenance";
  /** Role weights and quotas, one JSON node per role: {"weight": 2.0, "quota": "cpus:4;mem:4096"}. */
  static final String ROLES = ZkPaths.MASTER_REGISTRY + "/roles";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /** Records per multi-op: well under ZooKeeper's 1 MiB request limit at a few hundred bytes per agent. */
  static final int BATCH = 500;

  private final CuratorFramework zk;
  private final RegistryCodec codec;
  private final Supplier<Optional<String>> fence;
  private final Set<String> parents = ConcurrentHashMap.newKeySet();

  /** An unfenced store (tools and tests): writes whatever leads. */
  public ZkRegistryStore(CuratorFramework zk, RegistryCodec codec) {
    this(zk, codec, null);
  }

  /**
   * A fenced store: every write is a multi-op that first checks that the node {@code fence} names (this master's
   * election node of the current term) still exists, so a deposed master's write fails with
   * {@link FencedException} and changes nothing. An empty fence (not leading) refuses every write.
   */
  public ZkRegistryStore(CuratorFramework zk, RegistryCodec codec, Supplier<Optional<String>> fence) {
    this.zk = zk;
    this.codec = codec;
    this.fence = fence;
  }

  @Override
  public Registry load() {
    List<RegisteredAgent> agents = new ArrayList<>();
    readAll(ZkPaths.MASTER_REGISTRY_AGENTS).forEach((id, data) -> {
      try {
        agents.add(codec.decodeAgent(id, data));
      } catch (RuntimeException e) {
        LOG.error("Skipping unreadable registry record of agent {}: {}", id, e.toString());
      }
    });
    List<RegisteredFramework> frameworks = new ArrayList<>();
    readAll(ZkPaths.MASTER_REGISTRY_FRAMEWORKS).forEach((id, data) -> {
      try {
        frameworks.add(codec.decodeFramework(id, data));
      } catch (RuntimeException e) {
        LOG.error("Skipping unreadable registry record of framework {}: {}", id, e.toString());
      }
    });
    List<DrainRecord> drains = new ArrayList<>();
    for (String id : children(MAINTENANCE)) {
      byte[] data = read(MAINTENANCE + "/" + id);
      if (data != null) {
        try {
          JsonNode n = JSON.readTree(data);
          drains.add(new DrainRecord(id, Instant.ofEpochMilli(n.path("since").asLong()),
              Duration.ofMillis(n.path("gracePeriodMillis").asLong()), n.path("kill").asBoolean()));
        } catch (java.io.IOException | RuntimeException e) {
          LOG.error("Skipping unreadable drain of agent {}: {}", id, e.toString());
        }
      }
    }
    List<RoleRecord> roles = new ArrayList<>();
    readAll(ROLES).forEach((name, data) -> {
      try {
        JsonNode n = JSON.readTree(data);
        roles.add(new RoleRecord(name, n.path("weight").asDouble(1.0), Resources.parse(n.path("quota").asText(""))));
      } catch (java.io.IOException | RuntimeException e) {
        LOG.error("Skipping unreadable settings of role {}: {}", name, e.toString());
      }
    });
    return new Registry(agents, frameworks, drains, roles);
  }

  @Override
  public void putRole(RoleRecord role) {
    String json = JSON.createObjectNode().put("weight", role.weight()).put("quota", role.quota().toString())
        .toString();
    put(ROLES + "/" + role.role(), json.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void removeRole(String role) {
    delete(ROLES + "/" + role);
  }

  @Override
  public void putDrain(DrainRecord drain) {
    String json = JSON.createObjectNode().put("since", drain.since().toEpochMilli())
        .put("gracePeriodMillis", drain.gracePeriod().toMillis()).put("kill", drain.kill()).toString();
    put(MAINTENANCE + "/" + drain.agentId(), json.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void removeDrain(String agentId) {
    delete(MAINTENANCE + "/" + agentId);
  }

  @Override
  public void putAgent(RegisteredAgent agent) {
    put(ZkPaths.MASTER_REGISTRY_AGENTS + "/" + agent.id(), codec.encode(agent));
  }

  @Override
  public void removeAgent(String agentId) {
    delete(ZkPaths.MASTER_REGISTRY_AGENTS + "/" + agentId);
  }

  @Override
  public void putFramework(RegisteredFramework framework) {
    put(ZkPaths.MASTER_REGISTRY_FRAMEWORKS + "/" + framework.id(), codec.encode(framework));
  }

  @Override
  public void removeFramework(String frameworkId) {
    delete(ZkPaths.MASTER_REGISTRY_FRAMEWORKS + "/" + frameworkId);
  }

  private List<String> children(String path) {
    try {
      return zk.getChildren().forPath(path);
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (Exception e) {
      throw new IllegalStateException("cannot list " + path + ": " + e.getMessage(), e);
    }
  }

  private byte[] read(String path) {
    try {
      return zk.getData().forPath(path);
    } catch (KeeperException.NoNodeException e) {
      return null;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads every child of {@code parent} with pipelined background reads (thousands of agents load in one round of
   * requests, not one round trip each); children deleted meanwhile are left out. In the children's order.
   */
  private Map<String, byte[]> readAll(String parent) {
    List<String> ids = children(parent);
    Map<String, byte[]> read = new ConcurrentHashMap<>();
    Map<String, Integer> failed = new ConcurrentHashMap<>();
    CountDownLatch done = new CountDownLatch(ids.size());
    try {
      for (String id : ids) {
        zk.getData().inBackground((client, event) -> {
          if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
            read.put(id, event.getData());
          } else if (event.getResultCode() != KeeperException.Code.NONODE.intValue()) {
            failed.put(id, event.getResultCode());
          }
          done.countDown();
        }).forPath(parent + "/" + id);
      }
      if (!done.await(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("reading " + parent + " took longer than " + READ_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + parent, e);
    } catch (IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + parent + ": " + e.getMessage(), e);
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException("cannot read " + failed.size() + " node(s) under " + parent + ", e.g. "
          + failed.entrySet().iterator().next());
    }
    Map<String, byte[]> ordered = new LinkedHashMap<>();
    ids.stream().filter(read::containsKey).forEach(id -> ordered.put(id, read.get(id)));
    return ordered;
  }

  @Override
  public void putAgents(List<RegisteredAgent> agents, Set<String> known) {
    for (int from = 0; from < agents.size(); from += BATCH) {
      List<RegisteredAgent> chunk = agents.subList(from, Math.min(agents.size(), from + BATCH));
      try {
        ensureParent(ZkPaths.MASTER_REGISTRY_AGENTS);
        List<CuratorOp> ops = new ArrayList<>();
        for (RegisteredAgent a : chunk) {
          String path = ZkPaths.MASTER_REGISTRY_AGENTS + "/" + a.id();
          ops.add(known.contains(a.id()) ? zk.transactionOp().setData().forPath(path, codec.encode(a))
              : zk.transactionOp().create().forPath(path, codec.encode(a)));
        }
        commit(ops);
      } catch (FencedException e) {
        throw e;
      } catch (Exception e) {
        LOG.debug("Batched write of {} agent(s) failed ({}); writing them one by one", chunk.size(), e.toString());
        chunk.forEach(this::putAgent);  // a wrong create/replace hint: each alone, still fenced
      }
    }
  }

  private void put(String path, byte[] data) {
    try {
      ensureParent(path.substring(0, path.lastIndexOf('/')));
      try {
        commit(List.of(zk.transactionOp().setData().forPath(path, data)));
      } catch (KeeperException.NoNodeException e) {
        commit(List.of(zk.transactionOp().create().forPath(path, data)));
      }
    } catch (FencedException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private void delete(String path) {
    try {
      commit(List.of(zk.transactionOp().delete().forPath(path)));
    } catch (KeeperException.NoNodeException e) {
      // already gone
    } catch (FencedException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code ops} as one multi-op, behind the fence's check when fenced. */
  private void commit(List<CuratorOp> ops) throws Exception {
    List<CuratorOp> all = new ArrayList<>(ops.size() + 1);
    String fencePath = null;
    if (fence != null) {
      fencePath = fence.get().orElseThrow(() -> new FencedException("this master does not lead; write refused", null));
      all.add(zk.transactionOp().check().forPath(fencePath));
    }
    all.addAll(ops);
    try {
      zk.transaction().forOperations(all);
    } catch (KeeperException e) {
      List<OpResult> results = e.getResults();
      if (fencePath != null && results != null && !results.isEmpty()
          && results.get(0) instanceof OpResult.ErrorResult err && err.getErr() != KeeperException.Code.OK.intValue()
          && err.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
        throw new FencedException("this master's election node " + fencePath + " is gone (leadership lost);"
            + " write refused", fencePath);
      }
      throw e;
    }
  }

  private void ensureParent(String parent) throws Exception {
    if (parents.contains(parent)) {
      return;
    }
    try {
      zk.create().creatingParentsIfNeeded().forPath(parent);
    } catch (KeeperException.NodeExistsException e) {
      // there already
    }
    parents.add(parent);
  }
}
