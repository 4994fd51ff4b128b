package dev.drover.apps.engine;

/** Marathon's event type names, as the engine emits them. */
public final class EventTypes {
  private EventTypes() {}

  public static final String STATUS_UPDATE = "status_update_event";
  public static final String INSTANCE_CHANGED = "instance_changed_event";
  public static final String HEALTH_STATUS_CHANGED = "health_status_changed_event";
  public static final String FAILED_HEALTH_CHECK = "failed_health_check_event";
  public static final String UNHEALTHY_INSTANCE_KILL = "unhealthy_instance_kill_event";
  public static final String DEPLOYMENT_INFO = "deployment_info";
  public static final String DEPLOYMENT_STEP_SUCCESS = "deployment_step_success";
  public static final String DEPLOYMENT_STEP_FAILURE = "deployment_step_failure";
  public static final String DEPLOYMENT_SUCCESS = "deployment_success";
  public static final String DEPLOYMENT_FAILED = "deployment_failed";
  public static final String APP_TERMINATED = "app_terminated_event";
  /** Drover: a running instance will be killed once its drain period is over; routers drop it now. */
  public static final String INSTANCE_DRAINING = "instance_draining_event";
  public static final String FRAMEWORK_MESSAGE = "framework_message_event";
  /** Drover: the engine subscribed to (or re-subscribed with) a master. */
  public static final String SCHEDULER_REGISTERED = "scheduler_registered_event";
  public static final String SCHEDULER_REREGISTERED = "scheduler_reregistered_event";
  public static final String SCHEDULER_DISCONNECTED = "scheduler_disconnected_event";
}
