package dev.continuity.worker;

import io.temporal.workflow.WorkflowInterface;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds the workflow implementations of the workflows module on the class path: every concrete
 * class under {@code dev.continuity.workflows} that implements a {@link WorkflowInterface}. The
 * worker thus registers whatever the workflows module ships, without a list to keep in step.
 */
public final class WorkflowImplementations {
  public static final String PACKAGE = "dev.continuity.workflows";

  private WorkflowImplementations() {}

  public static List<Class<?>> find() {
    return find(PACKAGE, WorkflowImplementations.class.getClassLoader());
  }

  static List<Class<?>> find(String packageName, ClassLoader loader) {
    TreeSet<String> names = new TreeSet<>();
    String path = packageName.replace('.', '/');
    try {
      Enumeration<URL> roots = loader.getResources(path);
      while (roots.hasMoreElements()) collect(roots.nextElement(), path, names);
    } catch (IOException e) {
      throw new IllegalStateException("cannot scan the class path for " + packageName + ": " + e.getMessage(), e);
    }
    List<Class<?>> found = new ArrayList<>();
    for (String name : names) {
      Class<?> c;
      try {
        c = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        continue;
      }
      if (isWorkflowImplementation(c)) found.add(c);
    }
    return Collections.unmodifiableList(found);
  }

  static boolean isWorkflowImplementation(Class<?> c) {
    if (c.isInterface() || Modifier.isAbstract(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
      return false;
    }
    if (c.isMemberClass() && !Modifier.isStatic(c.getModifiers())) return false;
    for (Class<?> t = c; t != null; t = t.getSuperclass()) {
      for (Class<?> i : t.getInterfaces()) if (i.isAnnotationPresent(WorkflowInterface.class)) return true;
    }
    return false;
  }

  private static void collect(URL root, String path, TreeSet<String> names) throws IOException {
    if ("file".equals(root.getProtocol())) {
      File dir = new File(URLDecoder.decode(root.getPath(), StandardCharsets.UTF_8));
      walk(dir, path, names);
    } else if ("jar".equals(root.getProtocol())) {
      JarURLConnection conn = (JarURLConnection) root.openConnection();
      conn.setUseCaches(false);
      try (JarFile jar = conn.getJarFile()) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
          String n = e.nextElement().getName();
          if (n.startsWith(path + "/") && n.endsWith(".class")) {
            names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
          }
        }
      }
    }
  }

  private static void walk(File dir, String path, TreeSet<String> names) {
    File[] files = dir.listFiles();
    if (files == null) return;
    for (File f : files) {
      if (f.isDirectory()) {
        walk(f, path + "/" + f.getName(), names);
      } else if (f.getName().endsWith(".class")) {
        String simple = f.getName().substring(0, f.getName().length() - ".class".length());
        names.add((path + "/" + simple).replace('/', '.'));
      }
    }
  }
}
