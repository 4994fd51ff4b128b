package dev.drover.it.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Renders a {@link ChaosRun.Result} as docs/reliability.md's Markdown. */
final class ChaosReport {
  private ChaosReport() {}

  static String render(ChaosRun.Result r, String command) {
    StringBuilder md = new StringBuilder();
    md.append("# Reliability: the chaos run\n\n")
        .append("This page is written by the chaos harness (it/src/test/java/dev/drover/it/chaos, see\n")
        .append("[the harness](#the-harness) below) at the end of its last long run. Rerun it with `")
        .append(command).append("`.\n\n")
        .append("## Last run\n\n")
        .append("| | |\n|---|---|\n")
        .append("| started | ").append(r.started()).append(" |\n")
        .append("| duration | ").append(r.duration().toMinutes()).append(" min ")
        .append(r.duration().toSecondsPart()).append(" s |\n")
        .append("| seed | `").append(r.options().seed()).append("` |\n")
        .append("| faults injected | ").append(r.cycles().size()).append(" |\n")
        .append("| invariant checks run | ").append(r.checks().values().stream().mapToInt(Integer::intValue).sum())
        .append(" |\n")
        .append("| violations | **").append(r.violations().size()).append("** |\n")
        .append("| network partitions | ").append(r.realPartitions() ? "real (iptables on the agent's cgroup)"
            : "SIGSTOP fallback (no iptables/cgroup2 here)").append(" |\n")
        .append("| Docker app | ").append(r.options().docker() ? "yes" : "no (no engine)").append(" |\n")
        .append("| machine | ").append(ChaosRun.machine()).append(" |\n\n");
    md.append("### Faults injected, by kind\n\n| fault | count | what it is |\n|---|---|---|\n");
    for (Fault f : Fault.values()) {
      md.append("| ").append(f).append(" | ").append(r.injected().getOrDefault(f, 0)).append(" | ")
          .append(f.description).append(" |\n");
    }
    md.append("\n### Invariant checks run\n\n| invariant | checks |\n|---|---|\n");
    for (Map.Entry<String, Integer> e : r.checks().entrySet()) {
      md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
    }
    md.append("\n### Violations\n\n");
    if (r.violations().isEmpty()) {
      md.append("None.\n");
    }
    for (Violation v : r.violations()) {
      md.append("- ").append(v.at()).append(" **").append(v.invariant()).append("**: ")
          .append(v.description().replace("\n", " ")).append('\n');
    }
    md.append("\n### Cron ticks recorded MISSED (by job and reason; not violations)\n\n");
    if (r.missedTicks().isEmpty()) {
      md.append("None.\n");
    }
    r.missedTicks().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    long slowest = r.cycles().stream().mapToLong(c -> c.settle().toMillis()).max().orElse(0);
    double mean = r.cycles().stream().mapToLong(c -> c.settle().toMillis()).average().orElse(0);
    md.append("\nSettling after healing (until serving, converged and task states agreeing): mean ")
        .append(Math.round(mean)).append(" ms, slowest ").append(slowest).append(" ms.\n");
    md.append("\n<details><summary>Every fault cycle</summary>\n\n| # | fault | what | workload step | settle ms |\n")
        .append("|---|---|---|---|---|\n");
    for (ChaosRun.Cycle c : r.cycles()) {
      md.append("| ").append(c.n()).append(" | ").append(c.fault()).append(" | ").append(c.what()).append(" | ")
          .append(c.step()).append(" | ").append(c.settle().toMillis()).append(" |\n");
    }
    md.append("\n</details>\n\n");
    md.append(HARNESS);
    return md.toString();
  }

  /**
   * Writes the report; a {@code ## Findings} section already in the file (written by people: what earlier runs found
   * and what was fixed) is kept at the end.
   */
  static void write(Path file, String markdown) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    String kept = "";
    if (Files.exists(file)) {
      String old = Files.readString(file);
      int at = old.indexOf("\n" + FINDINGS);
      kept = at < 0 ? "" : "\n" + old.substring(at + 1);
    }
    Files.writeString(file, markdown + kept);
  }

  static final String FINDINGS = "## Findings";

  private static final String HARNESS = """
      ## The harness

      The layout is docs/install.md's, on one machine, each component its own process configured only by documented
      files and flags (`InstallLayout`): 3 ZooKeeper servers (`drover zk --config zoo.cfg --myid N`, zoo.cfg from
      zk-config's ensemble template), 3 masters, 3 agents (`rack` r1..r3), 2 apps and 2 jobs instances, every
      ZooKeeper session 2 s, masters rescinding offers after 10 s (see Findings).

      **Workload.** Process apps `/chaos/web` (2..4 instances, maximumOverCapacity 0.5), `/chaos/worker` (1..3,
      maximumOverCapacity 0), `/chaos/spread` (3 instances, `rack UNIQUE`), and `/chaos/docker` (busybox) when a
      Docker engine is there. Before each fault one app is scaled to a random size or restarted (a rolling
      deployment), `?force=true`. Jobs `chaos-quick` (`true`) and `chaos-overlap` (`sleep 6`, so every other tick is
      skipped by FORBID) fire on `*/5 * * * * *` under `FORBID` with a 60 s starting deadline.

      **Faults**, one at a time, each healed before the next, in a seeded order (every block of eight is a shuffle of
      the eight kinds): see the table above. A partition moves the agent into its own cgroup (v2) and drops, with
      iptables, every packet of the connections it sends on, both ways; nothing else on the machine is touched.

      **Invariants**, each violation recorded with its time, never thrown at the first:
      - *acknowledged apps/jobs present*, *acknowledged instances kept* (every second, also during faults): whatever
        a client got a 2xx for (POST/PUT) is in GET /v2/apps and /v1/jobs, with the acknowledged instance count (or
        one a request that got no answer may have set);
      - *over-capacity* (every second while healed): an app with no deployment in progress runs at most
        instances × (1 + maximumOverCapacity) tasks;
      - *serves again after healing*: a master leads with every agent, both frameworks have an answering leader;
      - *instances replaced*: within 90 s of healing each app runs exactly its instances;
      - *deployments end*: every acknowledged deploymentId leaves /v2/deployments (success, failure or superseded);
      - *task states agree*: within 90 s, the master's RUNNING tasks of the apps framework equal the apps API's,
        every RUNNING jobs task is a run the jobs API knows, and every task an agent runs is RUNNING at the master;
      - *cron tick runs exactly once* (at the end): every 5 s tick from each job's first to its last has exactly one
        run record (a run, or MISSED with its reason: FORBID, or the starting deadline).

      Known limits: a deployment's end is seen as leaving /v2/deployments, not told apart as success or failure;
      fault durations are real time (the processes run on the wall clock).
      """;
}
