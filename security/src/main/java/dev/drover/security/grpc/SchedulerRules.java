package dev.drover.security.grpc;

import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.ContainerInfo;
import dev.drover.proto.v1.FrameworkInfo;
import dev.drover.proto.v1.Operation;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.security.authn.Principal;
import dev.drover.security.authz.Action;
import dev.drover.security.authz.Authorizer;
import dev.drover.security.authz.Decision;
import java.util.List;
import java.util.Optional;

/**
 * The ACL checks on a framework's Subscribe stream. SUBSCRIBE: the FrameworkInfo's principal, when set, must be the
 * authenticated one (when authentication is on), and each role needs {@code register_framework}. ACCEPT with
 * LAUNCH: each task needs {@code run_task_as} its user (the command's, else the framework's), and
 * {@code use_privileged}, {@code use_host_network} or {@code use_host_volume} when it asks for them. TEARDOWN needs
 * {@code teardown_framework}. One instance per stream (it remembers the framework's user); not thread-safe.
 */
final class SchedulerRules implements CallRules<Call> {
  private final Authorizer authorizer;
  private final boolean authenticated;
  private String frameworkUser = "";
  private String frameworkId = "";

  SchedulerRules(Authorizer authorizer, boolean authenticated) {
    this.authorizer = authorizer;
    this.authenticated = authenticated;
  }

  @Override
  public Optional<String> check(Principal p, Call call) {
    return switch (call.getType()) {
      case SUBSCRIBE -> subscribe(p, call.getSubscribe().getFrameworkInfo());
      case UPDATE_FRAMEWORK -> subscribe(p, call.getUpdateFramework().getFrameworkInfo());
      case ACCEPT -> accept(p, call.getAccept());
      case TEARDOWN -> ask(p, Action.TEARDOWN_FRAMEWORK,
          call.getFrameworkId().getValue().isEmpty() ? frameworkId : call.getFrameworkId().getValue());
      default -> Optional.empty();
    };
  }

  private Optional<String> subscribe(Principal p, FrameworkInfo fi) {
    if (authenticated && !fi.getPrincipal().isEmpty() && !fi.getPrincipal().equals(p.name())) {
      return Optional.of("framework_info.principal '" + fi.getPrincipal() + "' is not the authenticated principal '"
          + p.name() + "'");
    }
    List<String> roles = fi.getRolesCount() == 0 ? List.of("*") : fi.getRolesList();
    for (String role : roles) {
      Optional<String> denied = ask(p, Action.REGISTER_FRAMEWORK, role);
      if (denied.isPresent()) {
        return denied;
      }
    }
    frameworkUser = fi.getUser();
    frameworkId = fi.getId().getValue();
    return Optional.empty();
  }

  private Optional<String> accept(Principal p, Call.Accept accept) {
    for (Operation op : accept.getOperationsList()) {
      if (op.getType() != Operation.Type.LAUNCH) {
        continue;
      }
      for (TaskInfo t : op.getLaunch().getTaskInfosList()) {
        Optional<String> denied = task(p, t);
        if (denied.isPresent()) {
          return denied.map(d -> "task " + t.getTaskId().getValue() + ": " + d);
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> task(Principal p, TaskInfo t) {
    String user = t.getCommand().getUser().isEmpty() ? frameworkUser : t.getCommand().getUser();
    Optional<String> denied = ask(p, Action.RUN_TASK_AS, user);
    if (denied.isPresent()) {
      return denied;
    }
    ContainerInfo c = t.getContainer();
    if (c.getType() == ContainerInfo.Type.DOCKER) {
      String image = c.getDocker().getImage();
      if (c.getDocker().getPrivileged() && (denied = ask(p, Action.USE_PRIVILEGED, image)).isPresent()) {
        return denied;
      }
      if (c.getDocker().getNetwork() == ContainerInfo.DockerInfo.Network.HOST
          && (denied = ask(p, Action.USE_HOST_NETWORK, image)).isPresent()) {
        return denied;
      }
    }
    for (ContainerInfo.Volume v : c.getVolumesList()) {
      if (!v.getHostPath().isEmpty() && (denied = ask(p, Action.USE_HOST_VOLUME, v.getHostPath())).isPresent()) {
        return denied;
      }
    }
    return Optional.empty();
  }

  private Optional<String> ask(Principal p, Action action, String object) {
    Decision d = authorizer.check(p, action, object);
    return d.allowed() ? Optional.empty() : Optional.of(Authorizer.denialMessage(p, action, object, d));
  }
}
