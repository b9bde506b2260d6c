package dev.continuity.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README links every page of docs/, and no relative link in the README or docs/ points at a missing file. */
class DocsLinksTest {
  static final Path ROOT = Path.of("..");
  static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

  static List<Path> pages() throws IOException {
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
  }

  @Test
  void readmeLinksEveryDoc() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> missing = new ArrayList<>();
    for (Path page : pages()) {
      if (!readme.contains("](docs/" + page.getFileName() + ")")) missing.add(page.getFileName().toString());
    }
    assertEquals(List.of(), missing, "README.md does not link these docs");
  }

  @Test
  void relativeLinksResolve() throws IOException {
    List<Path> files = new ArrayList<>(pages());
    files.add(ROOT.resolve("README.md"));
    List<String> broken = new ArrayList<>();
    for (Path f : files) {
      Matcher m = LINK.matcher(Files.readString(f));
      while (m.find()) {
        String target = m.group(1);
        if (target.contains("://") || target.startsWith("mailto:")) continue;
        if (!Files.exists(f.getParent().resolve(target))) broken.add(f.getFileName() + " -> " + target);
      }
    }
    assertEquals(List.of(), broken, "links to files that do not exist");
  }
}
