package dev.drover.security.authz;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an ACL rule governs; spelt in files in lower case, as Mesos did ({@code register_framework}). */
public enum Action {
  /** Object: the agent's host name. */
  REGISTER_AGENT,
  /** Object: each role the framework subscribes with. */
  REGISTER_FRAMEWORK,
  /** Object: the user a task runs as ({@code ""} = the agent's own user). */
  RUN_TASK_AS,
  /** Object: the Docker image. */
  USE_PRIVILEGED,
  /** Object: the host path. */
  USE_HOST_VOLUME,
  /** Object: the Docker image. */
  USE_HOST_NETWORK,
  /** Object: the framework id. */
  TEARDOWN_FRAMEWORK,
  /** Object: the role. */
  UPDATE_WEIGHTS,
  /** Object: the role. */
  UPDATE_QUOTA,
  /** Object: the agent id. */
  DRAIN_AGENT,
  /** Object: the request path. */
  VIEW_APPS,
  /** Object: the request path. */
  CHANGE_APPS,
  /** Object: the request path. */
  VIEW_JOBS,
  /** Object: the request path. */
  CHANGE_JOBS,
  /** Object: the request path. */
  READ_SANDBOX,
  /** Object: the request path. */
  VIEW_STATE;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the file form.
   *
   * @throws IllegalArgumentException listing the known actions
   */
  @JsonCreator
  public static Action parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown action '" + text + "'; known: "
          + Arrays.stream(values()).map(Action::wireName).collect(Collectors.joining(", ")));
    }
  }
}
