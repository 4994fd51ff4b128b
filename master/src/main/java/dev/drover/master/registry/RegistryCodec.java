package dev.drover.master.registry;

/** Turns registry records into the bytes of a ZooKeeper node and back (the wire format lives in {@code rpc}). */
public interface RegistryCodec {
  byte[] encode(RegisteredAgent agent);

  RegisteredAgent decodeAgent(String id, byte[] data);

  byte[] encode(RegisteredFramework framework);

  RegisteredFramework decodeFramework(String id, byte[] data);
}
