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

  private final CuratorFramework zk;
  private final RegistryCodec codec;

  public ZkRegistryStore(CuratorFramework zk, RegistryCodec codec) {
    this.zk = zk;
    this.codec = codec;
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

  private void put(String path, byte[] data) {
    try {
      try {
        zk.setData().forPath(path, data);
      } catch (KeeperException.NoNodeException e) {
        zk.create().creatingParentsIfNeeded().forPath(path, data);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private void delete(String path) {
    try {
      zk.delete().forPath(path);
    } catch (KeeperException.NoNodeException e) {
      // already gone
    } catch (Exception e) {
      throw new IllegalStateException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }
}
