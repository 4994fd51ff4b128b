package dev.drover.security.grpc;

import dev.drover.proto.v1.AgentMessage;
import dev.drover.security.authn.Principal;
import dev.drover.security.authz.Action;
import dev.drover.security.authz.Authorizer;
import dev.drover.security.authz.Decision;
import java.util.Optional;

/** An agent's REGISTER or REREGISTER needs {@code register_agent} on its host name. Stateless. */
final class AgentRules implements CallRules<AgentMessage> {
  private final Authorizer authorizer;

  AgentRules(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  @Override
  public Optional<String> check(Principal p, AgentMessage m) {
    if (m.getType() != AgentMessage.Type.REGISTER && m.getType() != AgentMessage.Type.REREGISTER) {
      return Optional.empty();
    }
    String host = m.getRegister().getAgentInfo().getHostname();
    Decision d = authorizer.check(p, Action.REGISTER_AGENT, host);
    return d.allowed() ? Optional.empty()
        : Optional.of(Authorizer.denialMessage(p, Action.REGISTER_AGENT, host, d));
  }
}
