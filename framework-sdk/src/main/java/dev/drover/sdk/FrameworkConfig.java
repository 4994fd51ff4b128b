package dev.drover.sdk;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who the framework is, as it tells the master when it subscribes. Immutable and thread-safe; build one with
 * {@link #builder}.
 *
 * @param name the framework's name, e.g. {@code apps}
 * @param user the default user tasks run as; empty means the agent's user
 * @param roles the roles it receives offers for; never empty (default {@code ["*"]})
 * @param failoverTimeout how long the master keeps the framework and its tasks while it is disconnected; after that
 *     the framework is torn down and its tasks killed
 * @param principal the principal it authenticates as, possibly empty
 * @param capabilities capabilities such as {@link #PARTITION_AWARE}
 * @param checkpoint whether agents checkpoint its tasks so they survive an agent restart
 * @param hostname the host the scheduler runs on, possibly empty
 * @param webuiUrl the framework's own UI, possibly empty
 */
public record FrameworkConfig(String name, String user, List<String> roles, Duration failoverTimeout,
    String principal, Set<String> capabilities, boolean checkpoint, String hostname, String webuiUrl) {

  /** The framework understands UNREACHABLE, GONE and UNKNOWN instead of LOST. */
  public static final String PARTITION_AWARE = "PARTITION_AWARE";
  /** The framework subscribes with several roles. */
  public static final String MULTI_ROLE = "MULTI_ROLE";

  public FrameworkConfig {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("framework name must not be blank");
    }
    user = user == null ? "" : user;
    roles = roles == null || roles.isEmpty() ? List.of("*") : List.copyOf(roles);
    failoverTimeout = failoverTimeout == null ? Duration.ofDays(7) : failoverTimeout;
    if (failoverTimeout.isNegative()) {
      throw new IllegalArgumentException("failover timeout must not be negative");
    }
    principal = principal == null ? "" : principal;
    capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
    hostname = hostname == null ? "" : hostname;
    webuiUrl = webuiUrl == null ? "" : webuiUrl;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link FrameworkConfig}. Defaults: role {@code *}, failover timeout 7 days, checkpointing on. */
  public static final class Builder {
    private final String name;
    private String user = "";
    private List<String> roles = List.of("*");
    private Duration failoverTimeout = Duration.ofDays(7);
    private String principal = "";
    private final Set<String> capabilities = new LinkedHashSet<>();
    private boolean checkpoint = true;
    private String hostname = "";
    private String webuiUrl = "";

    private Builder(String name) {
      this.name = name;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder roles(String... roles) {
      this.roles = List.of(roles);
      return this;
    }

    public Builder failoverTimeout(Duration failoverTimeout) {
      this.failoverTimeout = failoverTimeout;
      return this;
    }

    public Builder principal(String principal) {
      this.principal = principal;
      return this;
    }

    public Builder capability(String capability) {
      capabilities.add(capability);
      return this;
    }

    public Builder partitionAware() {
      return capability(PARTITION_AWARE);
    }

    public Builder checkpoint(boolean checkpoint) {
      this.checkpoint = checkpoint;
      return this;
    }

    public Builder hostname(String hostname) {
      this.hostname = hostname;
      return this;
    }

    public Builder webuiUrl(String webuiUrl) {
      this.webuiUrl = webuiUrl;
      return this;
    }

    public FrameworkConfig build() {
      return new FrameworkConfig(name, user, roles, failoverTimeout, principal, capabilities, checkpoint, hostname,
          webuiUrl);
    }
  }
}
