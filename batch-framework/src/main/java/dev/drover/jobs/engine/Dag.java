package dev.drover.jobs.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.jobs.job.Invalid;
import dev.drover.jobs.job.JobJson;
import dev.drover.jobs.job.JobSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Set;

/**
 * The dependency graph of jobs (an edge parent → child for each of a child's {@code dependencies}): validation of a
 * new or changed job (unknown parents and cycles are rejected) and its JSON and DOT renderings. Stateless.
 */
public final class Dag {
  private Dag() {}

  /**
   * Throws {@link Invalid} at {@code /dependencies} when {@code job}, stored alongside the others, would have an
   * unknown parent or close a cycle. {@code parentsOfStored}: a stored job's parents, null for an unknown id.
   */
  static void check(Function<String, List<String>> parentsOfStored, JobSpec job) {
    Function<String, List<String>> parents = id -> id.equals(job.id()) ? job.dependencies() : parentsOfStored.apply(id);
    for (int i = 0; i < job.dependencies().size(); i++) {
      String p = job.dependencies().get(i);
      if (parents.apply(p) == null) {
        throw Invalid.of("/dependencies/" + i + "/id", "unknown job '" + p + "'");
      }
    }
    List<String> cycle = cycleThrough(job.id(), parents);
    if (!cycle.isEmpty()) {
      throw Invalid.of("/dependencies", "dependency cycle: " + String.join(" -> ", cycle));
    }
  }

  /** A path child → parent → ... → child if {@code start} lies on a cycle, else empty. */
  private static List<String> cycleThrough(String start, Function<String, List<String>> parents) {
    List<String> path = new ArrayList<>();
    path.add(start);
    return dfs(start, start, parents, path, new HashSet<>()) ? path : List.of();
  }

  private static boolean dfs(String at, String target, Function<String, List<String>> parents, List<String> path,
      Set<String> seen) {
    List<String> ps = parents.apply(at);
    for (String p : ps == null ? List.<String>of() : ps) {
      path.add(p);
      if (p.equals(target) || (seen.add(p) && dfs(p, target, parents, path, seen))) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    return false;
  }

  /** {@code {"nodes": [{"id"}], "edges": [{"from": parent, "to": child}]}}. */
  public static ObjectNode json(Iterable<JobSpec> specs) {
    ObjectNode o = JobJson.MAPPER.createObjectNode();
    ArrayNode nodes = o.putArray("nodes");
    ArrayNode edges = o.putArray("edges");
    for (JobSpec s : specs) {
      nodes.addObject().put("id", s.id());
      s.dependencies().forEach(p -> edges.addObject().put("from", p).put("to", s.id()));
    }
    return o;
  }

  /** Graphviz DOT: {@code digraph jobs { "parent" -> "child"; }}. */
  public static String dot(Iterable<JobSpec> specs) {
    StringBuilder b = new StringBuilder("digraph jobs {\n");
    for (JobSpec s : specs) {
      b.append("  \"").append(s.id()).append("\";\n");
      s.dependencies().forEach(p -> b.append("  \"").append(p).append("\" -> \"").append(s.id()).append("\";\n"));
    }
    return b.append("}\n").toString();
  }
}
