package dev.drover.jobs.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.jobs.engine.JobState;
import dev.drover.jobs.job.JobJson;
import dev.drover.jobs.job.JobSpec;
import dev.drover.jobs.run.JobRun;
import dev.drover.jobs.run.RunJson;
import dev.drover.sdk.state.StateStore;
import dev.drover.sdk.state.StateStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job documents in a {@link StateStore} (ZooKeeper in production, in memory in tests), one key {@code job:<id>} per
 * job. Writes are compare-and-set against the version this repository last read or wrote, so a deposed leader that
 * still writes fails ({@link Fenced}) instead of overwriting its successor. Not thread-safe: one writer (the engine
 * loop) owns it; {@link #saveAll} fans the writes out to its own threads and waits for them.
 */
public final class JobRepository {
  private static final String PREFIX = "job:";
  private static final Logger LOG = LoggerFactory.getLogger(JobRepository.class);

  /** A write lost a compare-and-set: someone else (a newer leader) wrote the document. Stop acting. */
  public static final class Fenced extends RuntimeException {
    public Fenced(String key) {
      super("state of " + key + " was written by another instance; this one no longer leads");
    }
  }

  private final StateStore store;
  private final Map<String, Long> versions = new HashMap<>();
  private final ExecutorService writers;

  /** A repository writing one document at a time. */
  public JobRepository(StateStore store) {
    this(store, 1);
  }

  /** A repository whose {@link #saveAll} writes up to {@code parallelWrites} documents at once. */
  public JobRepository(StateStore store, int parallelWrites) {
    this.store = store;
    this.writers = parallelWrites <= 1 ? null : Executors.newFixedThreadPool(parallelWrites, r -> {
      Thread t = new Thread(r, "jobs-store-writer");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Writes several documents (of different jobs) at once and returns those written; a document whose write failed
   * is left out (and logged by the caller). Throws {@link Fenced} if any write lost a compare-and-set.
   */
  public List<JobState> saveAll(List<JobState> states) {
    if (writers == null || states.size() < 2) {
      List<JobState> out = new ArrayList<>();
      for (JobState s : states) {
        try {
          save(s);
          out.add(s);
        } catch (StateStoreException e) {
          LOG.warn("write of job {} failed: {}", s.spec().id(), e.toString());
        }
      }
      return out;
    }
    List<Future<Optional<Long>>> futures = new ArrayList<>();
    for (JobState s : states) {
      String key = PREFIX + s.spec().id();
      long expected = versions.getOrDefault(key, StateStore.ABSENT);
      futures.add(writers.submit(() -> store.compareAndSet(key, expected, encode(s))));
    }
    List<JobState> out = new ArrayList<>();
    boolean fenced = false;
    for (int i = 0; i < states.size(); i++) {
      String key = PREFIX + states.get(i).spec().id();
      try {
        Optional<Long> v = futures.get(i).get();
        if (v.isEmpty()) {
          fenced = true;
        } else {
          versions.put(key, v.get());
          out.add(states.get(i));
        }
      } catch (ExecutionException e) {
        LOG.warn("write of {} failed: {}", key, e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateStoreException("interrupted while writing", e);
      }
    }
    if (fenced) {
      throw new Fenced("one of " + states.size() + " job documents");
    }
    return out;
  }

  /** Every stored job; remembers their versions for later writes. */
  public List<JobState> loadAll() {
    List<JobState> out = new ArrayList<>();
    versions.clear();
    for (String key : store.list(PREFIX)) {
      store.get(key).ifPresent(v -> {
        versions.put(key, v.version());
        out.add(decode(v.value()));
      });
    }
    return out;
  }

  /** Writes a job's document; throws {@link Fenced} if someone else wrote it since, StateStoreException on failure. */
  public void save(JobState s) {
    String key = PREFIX + s.spec().id();
    long expected = versions.getOrDefault(key, StateStore.ABSENT);
    Optional<Long> v = store.compareAndSet(key, expected, encode(s));
    if (v.isEmpty()) {
      throw new Fenced(key);
    }
    versions.put(key, v.get());
  }

  public void delete(String jobId) {
    String key = PREFIX + jobId;
    store.delete(key);
    versions.remove(key);
  }

  static byte[] encode(JobState s) {
    ObjectNode o = JobJson.MAPPER.createObjectNode();
    o.set("spec", JobJson.render(s.spec(), true));
    ObjectNode fired = o.putObject("lastFired");
    s.lastFired().forEach((k, t) -> fired.put(k, t.toString()));
    runs(o.putArray("runs"), s.runs().values());
    runs(o.putArray("successful"), s.successful());
    runs(o.putArray("failed"), s.failed());
    JobState.Summary m = s.summary();
    o.putObject("summary").put("successCount", m.successCount()).put("failureCount", m.failureCount())
        .put("missedCount", m.missedCount()).put("lastSuccessAt", str(m.lastSuccessAt()))
        .put("lastFailureAt", str(m.lastFailureAt())).put("lastMissedAt", str(m.lastMissedAt()));
    ArrayNode parents = o.putArray("parentsSucceeded");
    s.parentsSucceeded().forEach(parents::add);
    o.put("runSeq", s.runSeq());
    try {
      return JobJson.MAPPER.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JobState decode(byte[] bytes) {
    try {
      JsonNode o = JobJson.MAPPER.readTree(bytes);
      JobSpec spec = JobJson.parseJob(o.get("spec"));
      Map<String, Instant> fired = new LinkedHashMap<>();
      o.get("lastFired").fields().forEachRemaining(f -> fired.put(f.getKey(), Instant.parse(f.getValue().asText())));
      Map<String, JobRun> runs = new LinkedHashMap<>();
      o.get("runs").forEach(r -> runs.put(r.get("id").asText(), RunJson.parse(r)));
      JsonNode m = o.get("summary");
      JobState.Summary summary = new JobState.Summary(m.get("successCount").asLong(),
          m.get("failureCount").asLong(), m.get("missedCount").asLong(), time(m, "lastSuccessAt"),
          time(m, "lastFailureAt"), time(m, "lastMissedAt"));
      Set<String> parents = new LinkedHashSet<>();
      o.get("parentsSucceeded").forEach(p -> parents.add(p.asText()));
      return new JobState(spec, Map.copyOf(fired), Map.copyOf(runs), list(o.get("successful")),
          list(o.get("failed")), summary, Set.copyOf(parents), o.get("runSeq").asLong());
    } catch (IOException e) {
      throw new StateStoreException("unreadable job document", e);
    }
  }

  private static void runs(ArrayNode a, Iterable<JobRun> runs) {
    runs.forEach(r -> a.add(RunJson.render(r, null)));
  }

  private static List<JobRun> list(JsonNode a) {
    List<JobRun> out = new ArrayList<>();
    a.forEach(r -> out.add(RunJson.parse(r)));
    return List.copyOf(out);
  }

  private static String str(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant time(JsonNode o, String f) {
    return o.hasNonNull(f) ? Instant.parse(o.get(f).asText()) : null;
  }
}
