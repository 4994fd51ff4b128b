package dev.drover.jobs.engine;

import dev.drover.jobs.job.JobSpec;
import dev.drover.jobs.run.JobRun;

/** Told, on the engine loop, after a change was applied (for the event stream and metrics). Must not block. */
public interface EngineListener {
  EngineListener NONE = new EngineListener() {};

  /** A run changed ({@code before} is null for a new run). */
  default void run(JobRun before, JobRun after) {}

  /** A job was created, updated or deleted ({@code what}: created, updated, deleted). */
  default void job(String what, JobSpec spec) {}
}
