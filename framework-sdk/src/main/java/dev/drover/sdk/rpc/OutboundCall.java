package dev.drover.sdk.rpc;

import dev.drover.sdk.TaskRef;
import dev.drover.sdk.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A call to the master other than SUBSCRIBE, in domain types. Internal to the SDK. */
public sealed interface OutboundCall {

  /** ACCEPT with one LAUNCH; every task's agent id is already resolved. */
  record Launch(List<String> offerIds, List<TaskSpec> tasks) implements OutboundCall {}

  record Decline(List<String> offerIds, Duration refuse) implements OutboundCall {}

  record Kill(String taskId, Optional<String> agentId) implements OutboundCall {}

  /** @param uuid the status' hex uuid */
  record Acknowledge(String agentId, String taskId, String uuid) implements OutboundCall {}

  record Reconcile(List<TaskRef> tasks) implements OutboundCall {}

  /** @param roles the roles to revive; empty means all */
  record Revive(List<String> roles) implements OutboundCall {}

  /** @param roles the roles to suppress; empty means all */
  record Suppress(List<String> roles) implements OutboundCall {}

  record Teardown() implements OutboundCall {}
}
