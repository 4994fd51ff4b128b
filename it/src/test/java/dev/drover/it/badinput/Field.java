package dev.drover.it.badinput;

/** A field of a request body, by JSON pointer ({@code /run/cpus}), with its {@link Kind}. */
record Field(String pointer, Kind kind) {
  /** The name an error should mention: the last segment, or the array's name for an index. */
  String name() {
    String[] parts = pointer.substring(1).split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].chars().allMatch(Character::isDigit)) {
        return parts[i];
      }
    }
    return parts[0];
  }

  static Field of(String pointer, Kind kind) {
    return new Field(pointer, kind);
  }
}
