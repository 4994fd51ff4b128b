package dev.drover.agent.task;

import dev.drover.model.Resources;

/** What the {@link TaskManager} checks before it admits a task, and how it words a refusal. */
final class TaskAdmission {
  private TaskAdmission() {}

  static String describe(String name, Resources wanted, Resources free) {
    if (wanted.scalarNames().contains(name)) {
      return name + " (wants " + fmt(wanted.scalar(name)) + ", free " + fmt(free.scalar(name)) + ")";
    }
    if (wanted.rangeNames().contains(name)) {
      return name + " (wants " + wanted.ranges(name) + ", free " + free.ranges(name) + ")";
    }
    return name + " (wants " + wanted.set(name) + ", free " + free.set(name) + ")";
  }

  static boolean safeName(String s) {
    return !s.isEmpty() && !s.equals(".") && !s.equals("..") && s.indexOf('/') < 0 && s.indexOf('\0') < 0;
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
