package dev.drover.apps.engine.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The threads that persist a burst's writes in parallel. */
final class WriterPool {
  private WriterPool() {}

  /** Writes in flight at once at the end of a burst (ZooKeeper pipelines them and commits them in groups). */
  static final int WRITE_PARALLELISM = 64;

  /** Up to {@link #WRITE_PARALLELISM} daemon threads, which end after 10 s without work. */
  static ExecutorService create() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(WRITE_PARALLELISM, WRITE_PARALLELISM, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "drover-apps-engine-writer");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
