package dev.drover.sdk.state;

class InMemoryStateStoreTest extends StateStoreContract {
  @Override
  StateStore store() {
    return new InMemoryStateStore();
  }
}
