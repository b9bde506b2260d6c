package dev.continuity.activities.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reports in a local directory: {@code <dir>/<operationId>/<file>}, written whole (temp file, then rename). */
public final class LocalReportStore implements ReportStore {
  private final Path dir;

  public LocalReportStore(Path dir) {
    this.dir = dir;
  }

  @Override
  public String put(String operationId, String fileName, byte[] content, String contentType) {
    Path out = dir.resolve(ReportStore.segment(operationId));
    Path file = out.resolve(fileName);
    try {
      Files.createDirectories(out);
      Path tmp = file.resolveSibling(fileName + ".tmp");
      Files.write(tmp, content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + file + ": " + e.getMessage(), e);
    }
    return file.toAbsolutePath().toString();
  }

  @Override
  public byte[] get(String location) {
    try {
      return Files.readAllBytes(Path.of(location));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the report at " + location + ": " + e.getMessage(), e);
    }
  }
}
