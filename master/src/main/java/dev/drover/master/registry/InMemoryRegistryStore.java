package dev.drover.master.registry;

import dev.drover.master.maintenance.DrainRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The registry in memory, for tests and simulations: survives a change of leader inside one JVM when two cores
 * share it. Thread-safe. {@link #failWrites} makes every later write fail, to test what a failed persist does.
 */
public final class InMemoryRegistryStore implements RegistryStore {
  private final Map<String, RegisteredAgent> agents = new LinkedHashMap<>();
  private final Map<String, RegisteredFramework> frameworks = new LinkedHashMap<>();
  private final Map<String, DrainRecord> drains = new LinkedHashMap<>();
  private final Map<String, RoleRecord> roles = new LinkedHashMap<>();
  private final AtomicReference<String> failure = new AtomicReference<>();

  @Override
  public synchronized Registry load() {
    return new Registry(new ArrayList<>(agents.values()), new ArrayList<>(frameworks.values()),
        new ArrayList<>(drains.values()), new ArrayList<>(roles.values()));
  }

  @Override
  public synchronized void putRole(RoleRecord role) {
    check();
    roles.put(role.role(), role);
  }

  @Override
  public synchronized void removeRole(String role) {
    check();
    roles.remove(role);
  }

  @Override
  public synchronized void putAgent(RegisteredAgent agent) {
    check();
    agents.put(agent.id(), agent);
  }

  @Override
  public synchronized void removeAgent(String agentId) {
    check();
    agents.remove(agentId);
  }

  @Override
  public synchronized void putFramework(RegisteredFramework framework) {
    check();
    frameworks.put(framework.id(), framework);
  }

  @Override
  public synchronized void removeFramework(String frameworkId) {
    check();
    frameworks.remove(frameworkId);
  }

  @Override
  public synchronized void putDrain(DrainRecord drain) {
    check();
    drains.put(drain.agentId(), drain);
  }

  @Override
  public synchronized void removeDrain(String agentId) {
    check();
    drains.remove(agentId);
  }

  @Override
  public boolean immediate() {
    return true;
  }

  /** Makes later writes fail with this message; null makes them succeed again. */
  public void failWrites(String message) {
    failure.set(message);
  }

  private void check() {
    String message = failure.get();
    if (message != null) {
      throw new IllegalStateException(message);
    }
  }
}
