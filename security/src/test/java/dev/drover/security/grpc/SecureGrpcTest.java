package dev.drover.security.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.proto.v1.Call;
import dev.drover.proto.v1.ContainerInfo;
import dev.drover.proto.v1.Event;
import dev.drover.proto.v1.FrameworkInfo;
import dev.drover.proto.v1.Operation;
import dev.drover.proto.v1.SchedulerServiceGrpc;
import dev.drover.proto.v1.TaskID;
import dev.drover.proto.v1.TaskInfo;
import dev.drover.security.Security;
import dev.drover.security.certs.DevCertificates;
import dev.drover.security.config.SecurityConfig;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Netty server with TLS, the authentication and admission interceptors, and a stand-in master. */
class SecureGrpcTest {
  @TempDir static Path dir;
  static Server server;
  static SecurityConfig.Tls serverTls;

  @BeforeAll
  static void start() throws Exception {
    DevCertificates.forOneYear().generate(dir, List.of("127.0.0.1"), List.of("apps", "rogue"));
    Files.writeString(dir.resolve("acls.yaml"), """
        rules:
          - {principals: [apps], action: register_framework, objects: [web]}
          - {principals: [apps], action: run_task_as, objects: [""]}
        """);
    serverTls = new SecurityConfig.Tls(dir.resolve("server.pem").toString(), dir.resolve("server-key.pem").toString(),
        dir.resolve("ca.pem").toString(), "optional");
    Security security = Security.of(new SecurityConfig(serverTls, dir.resolve("credentials.yaml").toString(),
        dir.resolve("acls.yaml").toString(), null, null));
    server = security.harden(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
            security.grpcServerCredentials()))
        .addService(ServerInterceptors.intercept(new EchoMaster(), security.grpcServerInterceptors()))
        .build().start();
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  /** Answers SUBSCRIBE with SUBSCRIBED naming the principal, and every other call with a HEARTBEAT. */
  static final class EchoMaster extends SchedulerServiceGrpc.SchedulerServiceImplBase {
    @Override
    public StreamObserver<Call> subscribe(StreamObserver<Event> out) {
      String who = GrpcPrincipal.current().name();
      return new StreamObserver<>() {
        @Override
        public void onNext(Call c) {
          out.onNext(c.getType() == Call.Type.SUBSCRIBE
              ? Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                  .setMasterId(who)).build()
              : Event.newBuilder().setType(Event.Type.HEARTBEAT).build());
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          out.onCompleted();
        }
      };
    }
  }

  private ManagedChannel channel(String principal) {
    SecurityConfig.Tls trust = new SecurityConfig.Tls(null, null, dir.resolve("ca.pem").toString(), null);
    SecurityConfig.Client client = principal == null ? null
        : new SecurityConfig.Client(principal, dir.resolve(principal + ".token").toString(), null, null);
    Security s = Security.of(new SecurityConfig(trust, null, null, client, null));
    return Grpc.newChannelBuilder("127.0.0.1:" + server.getPort(), s.grpcChannelCredentials()).build();
  }

  /** Sends {@code calls} on one stream; completes with the first event or the status the stream ended with. */
  private Object exchange(ManagedChannel ch, Call... calls) throws Exception {
    CompletableFuture<Object> result = new CompletableFuture<>();
    StreamObserver<Call> in = SchedulerServiceGrpc.newStub(ch).subscribe(new StreamObserver<>() {
      private int seen;

      @Override
      public void onNext(Event e) {
        if (++seen == calls.length) {
          result.complete(e);
        }
      }

      @Override
      public void onError(Throwable t) {
        result.complete(Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        result.complete("completed");
      }
    });
    for (Call c : calls) {
      in.onNext(c);
    }
    try {
      return result.get(20, TimeUnit.SECONDS);
    } finally {
      ch.shutdownNow();
    }
  }

  private static Call subscribe(String role) {
    return Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
        .setFrameworkInfo(FrameworkInfo.newBuilder().setName("f").addRoles(role))).build();
  }

  private static Call launch(boolean privileged) {
    TaskInfo t = TaskInfo.newBuilder().setTaskId(TaskID.newBuilder().setValue("t1"))
        .setContainer(ContainerInfo.newBuilder().setType(ContainerInfo.Type.DOCKER)
            .setDocker(ContainerInfo.DockerInfo.newBuilder().setImage("busybox").setPrivileged(privileged)))
        .build();
    return Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOperations(
        Operation.newBuilder().setType(Operation.Type.LAUNCH).setLaunch(Operation.Launch.newBuilder()
            .addTaskInfos(t)))).build();
  }

  @Test
  void tokenOverTlsSubscribesAsItsPrincipal() throws Exception {
    Object r = exchange(channel("apps"), subscribe("web"));
    assertEquals("apps", ((Event) r).getSubscribed().getMasterId());
  }

  @Test
  void withoutCredentialsTheStreamIsUnauthenticated() throws Exception {
    Status s = (Status) exchange(channel(null), subscribe("web"));
    assertEquals(Status.Code.UNAUTHENTICATED, s.getCode());
  }

  @Test
  void aRoleThePrincipalMayNotUseIsPermissionDeniedNamingTheRule() throws Exception {
    Status s = (Status) exchange(channel("apps"), subscribe("prod"));
    assertEquals(Status.Code.PERMISSION_DENIED, s.getCode());
    assertTrue(s.getDescription().contains("register_framework") && s.getDescription().contains("prod"),
        s.getDescription());
    Status rogue = (Status) exchange(channel("rogue"), subscribe("web"));
    assertEquals(Status.Code.PERMISSION_DENIED, rogue.getCode());
  }

  @Test
  void privilegedLaunchIsDeniedUnlessARuleAllowsIt() throws Exception {
    Object ok = exchange(channel("apps"), subscribe("web"), launch(false));
    assertEquals(Event.Type.HEARTBEAT, ((Event) ok).getType());
    Status s = (Status) exchange(channel("apps"), subscribe("web"), launch(true));
    assertEquals(Status.Code.PERMISSION_DENIED, s.getCode());
    assertTrue(s.getDescription().contains("use_privileged"), s.getDescription());
  }

  @Test
  void mutualTlsMakesTheCertificatesCnThePrincipal() throws Exception {
    SecurityConfig.Tls require = new SecurityConfig.Tls(serverTls.cert(), serverTls.key(), serverTls.ca(), "require");
    Security security = Security.of(new SecurityConfig(require, null, dir.resolve("acls.yaml").toString(), null,
        null));
    Server mtls = security.harden(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
            security.grpcServerCredentials()))
        .addService(ServerInterceptors.intercept(new EchoMaster(), security.grpcServerInterceptors()))
        .build().start();
    try {
      SecurityConfig.Tls trust = new SecurityConfig.Tls(null, null, dir.resolve("ca.pem").toString(), null);
      Security withCert = Security.of(new SecurityConfig(trust, null, null, new SecurityConfig.Client("apps", null,
          dir.resolve("apps.pem").toString(), dir.resolve("apps-key.pem").toString()), null));
      Object r = exchange(Grpc.newChannelBuilder("127.0.0.1:" + mtls.getPort(), withCert.grpcChannelCredentials())
          .build(), subscribe("web"));
      assertEquals("apps", ((Event) r).getSubscribed().getMasterId());
      Security noCert = Security.of(new SecurityConfig(trust, null, null, null, null));
      Status s = (Status) exchange(Grpc.newChannelBuilder("127.0.0.1:" + mtls.getPort(),
          noCert.grpcChannelCredentials()).build(), subscribe("web"));
      assertEquals(Status.Code.UNAVAILABLE, s.getCode(), "the TLS handshake fails without a client certificate");
    } finally {
      mtls.shutdownNow();
    }
  }

  @Test
  void plaintextClientCannotTalkToATlsServer() throws Exception {
    ManagedChannel plain = Grpc.newChannelBuilder("127.0.0.1:" + server.getPort(),
        io.grpc.InsecureChannelCredentials.create()).build();
    Status s = (Status) exchange(plain, subscribe("web"));
    assertEquals(Status.Code.UNAVAILABLE, s.getCode());
  }
}
