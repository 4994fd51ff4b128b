package dev.drover.it.chaos;

/** The faults the harness injects; each is healed before the next (see {@link FaultInjector}). */
enum Fault {
  MASTER_LEADER_KILL("kill -9 of the leading master, then it is started again"),
  AGENT_KILL_RESTART("kill -9 of an agent, then it is started again on the same work dir"),
  AGENT_STALL("SIGSTOP of an agent for 3-5 s, then SIGCONT"),
  AGENT_PARTITION("an agent cut off the network (iptables on its cgroup) for 3-5 s; SIGSTOP where not allowed"),
  ZK_SERVER_LOSS("kill -9 of one ZooKeeper server for 2-4 s, then it is started again"),
  ZK_QUORUM_LOSS("kill -9 of two ZooKeeper servers (no quorum) for 3-5 s, then both are started again"),
  APPS_LEADER_KILL("kill -9 of the leading apps instance, then it is started again"),
  JOBS_LEADER_KILL("kill -9 of the leading jobs instance, then it is started again");

  final String description;

  Fault(String description) {
    this.description = description;
  }
}
