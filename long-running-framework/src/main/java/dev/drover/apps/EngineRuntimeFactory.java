package dev.drover.apps;

/** The production {@link RuntimeFactory}: the apps engine driven by the SDK's scheduler driver. */
final class EngineRuntimeFactory {
  private EngineRuntimeFactory() {}

  static final RuntimeFactory DEFAULT = (client, zk) -> {
    throw new UnsupportedOperationException("the apps engine implementation is not merged yet");
  };
}
