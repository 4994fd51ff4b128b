package dev.drover.zk;

/**
 * Every ZooKeeper path Drover uses, relative to the connect string's chroot (e.g. {@code 127.0.0.1:2181/drover}).
 * Nothing else in the code base spells a path.
 */
public final class ZkPaths {
  private ZkPaths() {}

  /** Curator leader-latch path the masters contend on. */
  public static final String MASTER_ELECTION = "/master/election";
  /** Ephemeral JSON {@link LeaderInfo} written by the leading master. */
  public static final String MASTER_LEADER = "/master/leader";
  /**
   * One ephemeral JSON {@link LeaderInfo} per running master, leader or standby, named by its id: how every master
   * (and the UI) finds the others' gRPC and HTTP addresses.
   */
  public static final String MASTER_MEMBERS = "/master/members";
  /** Master registry: admitted agents and subscribed frameworks (persist, then apply). */
  public static final String MASTER_REGISTRY = "/master/registry";
  public static final String MASTER_REGISTRY_AGENTS = MASTER_REGISTRY + "/agents";
  public static final String MASTER_REGISTRY_FRAMEWORKS = MASTER_REGISTRY + "/frameworks";

  /** A master's ephemeral address record under {@link #MASTER_MEMBERS}. */
  public static String masterMember(String masterId) {
    if (masterId == null || masterId.isBlank() || masterId.contains("/")) {
      throw new IllegalArgumentException("master id must be non-empty and contain no '/': " + masterId);
    }
    return MASTER_MEMBERS + "/" + masterId;
  }

  /** Root of a framework's own state: {@code /frameworks/<name>}. */
  public static String framework(String name) {
    if (name == null || name.isBlank() || name.contains("/")) {
      throw new IllegalArgumentException("framework name must be non-empty and contain no '/': " + name);
    }
    return "/frameworks/" + name;
  }

  /** Leader-latch path of a framework's instances. */
  public static String frameworkElection(String name) {
    return framework(name) + "/election";
  }

  /** Ephemeral JSON {@link LeaderInfo} of a framework's leading instance. */
  public static String frameworkLeader(String name) {
    return framework(name) + "/leader";
  }

  /** The framework id the master gave this framework, kept so that a new leader re-subscribes with it. */
  public static String frameworkId(String name) {
    return framework(name) + "/framework-id";
  }

  /** Root of a framework's own persistent state. */
  public static String frameworkState(String name) {
    return framework(name) + "/state";
  }
}
