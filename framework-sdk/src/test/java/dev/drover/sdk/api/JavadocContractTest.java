package dev.drover.sdk.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public type of framework-sdk's published packages (nested ones too) carries a Javadoc comment stating its
 * contract (STYLE.md). The javadoc plugin's doclint leaves out {@code missing}, which would also demand a comment on
 * every member; this test guards the types only. It parses the sources with the JDK's compiler API, so it sees the
 * comments javadoc sees. {@code dev.drover.sdk.rpc} is the driver's internal wire layer, left out of the published
 * Javadoc too (see the pom), so it is left out here.
 */
class JavadocContractTest {
  static final Path SOURCES = Path.of("src/main/java");
  static final String INTERNAL = "dev.drover.sdk.rpc";

  @Test
  void everyPublicTypeHasAJavadocComment() throws IOException {
    List<String> checked = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        Stream<Path> walk = Files.walk(SOURCES)) {
      List<Path> sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
          files.getJavaFileObjectsFromPaths(sources));
      DocTrees docs = DocTrees.instance(task);
      for (CompilationUnitTree unit : task.parse()) {
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
        if (pkg.equals(INTERNAL + ".")) {
          continue;
        }
        for (Tree type : unit.getTypeDecls()) {
          if (type instanceof ClassTree c) {
            check(docs, new TreePath(new TreePath(unit), c), pkg, false, checked, missing);
          }
        }
      }
    }
    assertTrue(checked.size() > 40, "the sources were found and parsed: " + checked);
    assertEquals(List.of(), missing, "public types of framework-sdk without a Javadoc comment (state the contract:"
        + " what it is, thread safety, call order)");
  }

  /** Checks {@code path}'s type if it is public (declared so, or a member of an interface), then its members. */
  private static void check(DocTrees docs, TreePath path, String outer, boolean inInterface, List<String> checked,
      List<String> missing) {
    ClassTree type = (ClassTree) path.getLeaf();
    if (!type.getModifiers().getFlags().contains(Modifier.PUBLIC) && !inInterface) {
      return;
    }
    String name = outer + type.getSimpleName();
    checked.add(name);
    String doc = docs.getDocComment(path);
    if (doc == null || doc.isBlank()) {
      missing.add(name);
    }
    boolean isInterface = type.getKind() == Tree.Kind.INTERFACE || type.getKind() == Tree.Kind.ANNOTATION_TYPE;
    for (Tree member : type.getMembers()) {
      if (member instanceof ClassTree nested) {
        check(docs, new TreePath(path, nested), name + ".", isInterface, checked, missing);
      }
    }
  }
}
