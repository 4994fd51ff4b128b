package dev.drover.sdk.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Lists the public API of the classes next to an anchor class (a directory of class files), one line per item. */
public final class ApiLister {
  private ApiLister() {}

  public static List<String> list(Class<?> anchor, Set<String> packages) {
    Path root;
    try {
      root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (!packages.contains(name.substring(0, Math.max(0, name.lastIndexOf('.'))))) {
          continue;
        }
        Class<?> c = Class.forName(name, false, anchor.getClassLoader());
        if (isPublic(c)) {
          describe(c, lines);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return lines;
  }

  private static boolean isPublic(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static void describe(Class<?> c, List<String> out) {
    String kind = c.isAnnotation() ? "@interface" : c.isEnum() ? "enum" : c.isRecord() ? "record"
        : c.isInterface() ? "interface" : "class";
    StringBuilder head = new StringBuilder(Modifier.toString(c.getModifiers() & ~Modifier.INTERFACE & ~Modifier.STATIC))
        .append(' ').append(kind).append(' ').append(c.getName());
    if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && !c.isEnum() && !c.isRecord()) {
      head.append(" extends ").append(c.getGenericSuperclass().getTypeName());
    }
    if (c.getGenericInterfaces().length > 0) {
      head.append(c.isInterface() ? " extends " : " implements ").append(String.join(", ",
          Arrays.stream(c.getGenericInterfaces()).map(t -> t.getTypeName()).toList()));
    }
    out.add(head.toString().trim());
    List<String> members = new ArrayList<>();
    for (Field f : c.getDeclaredFields()) {
      add(f, f.toGenericString(), members);
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      add(k, k.toGenericString(), members);
    }
    for (Method m : c.getDeclaredMethods()) {
      if (!m.isBridge()) {
        add(m, m.toGenericString(), members);
      }
    }
    members.sort(null);
    members.forEach(m -> out.add("  " + m));
  }

  private static void add(Member m, String text, List<String> out) {
    int mod = m.getModifiers();
    if (!m.isSynthetic() && (Modifier.isPublic(mod) || Modifier.isProtected(mod))) {
      out.add(text);
    }
  }
}
