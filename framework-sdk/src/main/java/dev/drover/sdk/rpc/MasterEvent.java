package dev.drover.sdk.rpc;

import dev.drover.sdk.Offer;
import dev.drover.sdk.TaskStatus;
import java.time.Duration;
import java.util.List;

/** An event from the master, converted to domain types. Internal to the SDK. */
public sealed interface MasterEvent {

  record Subscribed(String frameworkId, Duration heartbeatInterval, String masterId) implements MasterEvent {}

  record Offers(List<Offer> offers) implements MasterEvent {}

  record Rescind(String offerId) implements MasterEvent {}

  record Update(TaskStatus status) implements MasterEvent {}

  record AgentLost(String agentId) implements MasterEvent {}

  record Error(String message) implements MasterEvent {}

  record Heartbeat() implements MasterEvent {}
}
