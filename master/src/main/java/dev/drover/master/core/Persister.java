package dev.drover.master.core;

import dev.drover.master.registry.FencedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persist, then apply: runs a change on the loop only once its registry write is durable, and only if the term
 * that asked still leads. A write refused by the registry's fence means leadership is gone: the change is refused
 * and {@code fenced} is told once per term (the master steps down). Used on the loop.
 */
final class Persister {
  private static final Logger LOG = LoggerFactory.getLogger(Persister.class);

  private final MasterLoop loop;
  private final Supplier<Term> term;
  private final Supplier<String> notLeaderDescription;
  private final BiConsumer<Term, FencedException> fenced;

  /** @param fenced told on the loop when a write of the current term was refused as fenced */
  Persister(MasterLoop loop, Supplier<Term> term, Supplier<String> notLeaderDescription,
      BiConsumer<Term, FencedException> fenced) {
    this.loop = loop;
    this.term = term;
    this.notLeaderDescription = notLeaderDescription;
    this.fenced = fenced;
  }

  /**
   * Once {@code write} is durable, runs {@code apply} on the loop if this term still leads; otherwise (deposed
   * meanwhile, or the write failed) calls {@code refuse} with the reason (failing a stream makes the peer retry).
   */
  void then(String what, Consumer<String> refuse, CompletableFuture<Void> write, Runnable apply) {
    Term asked = term.get();
    BiConsumer<Void, Throwable> then = (ok, error) -> {
      Throwable cause = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
      if (cause instanceof FencedException f) {
        if (asked != null && term.get() == asked) {  // the first refusal of this term steps down, once
          LOG.error("Registry refused {}: {}; stepping down", what, f.getMessage());
          fenced.accept(asked, f);
        }
        refuse.accept(notLeaderDescription.get());
      } else if (asked == null || term.get() != asked) {
        refuse.accept(notLeaderDescription.get());
      } else if (cause != null) {
        LOG.error("Could not persist {} in the registry; refusing it: {}", what, cause.toString());
        refuse.accept("the master could not persist " + what + " in its registry; retry");
      } else {
        apply.run();
      }
    };
    if (write.isDone()) {
      write.whenComplete(then);  // already durable (or unchanged): apply in this same command
    } else {
      write.whenComplete((ok, error) -> loop.enqueue("apply " + what, () -> then.accept(ok, error)));
    }
  }
}
