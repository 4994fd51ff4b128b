package dev.drover.apps.engine.core;

import dev.drover.apps.engine.DeploymentView;
import dev.drover.apps.engine.EngineEvent;
import dev.drover.apps.engine.EventTypes;
import dev.drover.apps.engine.instance.Instance;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the engine's events with Marathon's field names. Stateless. */
final class Events {
  private Events() {}

  static EngineEvent statusUpdate(Instance i, String message, Instant at) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("slaveId", i.agentId());
    f.put("taskId", i.taskId());
    f.put("taskStatus", Views.state(i.state()));
    f.put("message", message == null ? "" : message);
    f.put("appId", i.appId());
    f.put("host", i.host());
    f.put("ports", i.ports());
    f.put("version", Views.time(i.version()));
    return new EngineEvent(EventTypes.STATUS_UPDATE, Views.time(at), f);
  }

  static EngineEvent instanceChanged(Instance i, Instant at) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("instanceId", i.taskId());
    f.put("condition", condition(i));
    f.put("runSpecId", i.appId());
    f.put("agentId", i.agentId());
    f.put("host", i.host());
    f.put("runSpecVersion", Views.time(i.version()));
    return new EngineEvent(EventTypes.INSTANCE_CHANGED, Views.time(at), f);
  }

  static EngineEvent health(String type, Instance i, Instant at, Map<String, Object> extra) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("appId", i.appId());
    f.put("taskId", i.taskId());
    f.put("instanceId", i.taskId());
    f.put("version", Views.time(i.version()));
    f.putAll(extra);
    return new EngineEvent(type, Views.time(at), f);
  }

  static EngineEvent deployment(String type, DeploymentView plan, Instant at, String reason) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", plan.id());
    f.put("plan", plan);
    if (!plan.steps().isEmpty()) {
      f.put("currentStep", plan.steps().get(Math.max(0, Math.min(plan.currentStep(), plan.steps().size()) - 1)));
    }
    if (reason != null) {
      f.put("reason", reason);
    }
    return new EngineEvent(type, Views.time(at), f);
  }

  static EngineEvent simple(String type, Instant at, Map<String, Object> fields) {
    return new EngineEvent(type, Views.time(at), fields);
  }

  private static String condition(Instance i) {
    return switch (i.state()) {
      case STAGING -> "Staging";
      case STARTING -> "Starting";
      case RUNNING -> "Running";
      case KILLING -> "Killing";
      case FINISHED -> "Finished";
      case FAILED -> "Failed";
      case KILLED -> "Killed";
      case ERROR -> "Error";
      case LOST -> "Lost";
      case DROPPED -> "Dropped";
      case GONE -> "Gone";
      case GONE_BY_OPERATOR -> "GoneByOperator";
      case UNREACHABLE -> "Unreachable";
      case UNKNOWN -> "Unknown";
    };
  }
}
