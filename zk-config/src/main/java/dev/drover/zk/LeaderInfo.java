package dev.drover.zk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What a leader publishes about itself in ZooKeeper: who it is and where to reach it. {@code grpcPort} is 0 for
 * components without a gRPC endpoint (the frameworks).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaderInfo(String id, String host, int grpcPort, int httpPort, String version) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static LeaderInfo fromBytes(byte[] data) {
    try {
      return JSON.readValue(data, LeaderInfo.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "not a leader record: " + new String(data, StandardCharsets.UTF_8), e);
    }
  }

  /** {@code host:grpcPort}, the target for a gRPC channel. */
  public String grpcTarget() {
    return host + ":" + grpcPort;
  }

  /** {@code http://host:httpPort}. */
  public String httpUrl() {
    return "http://" + host + ":" + httpPort;
  }
}
