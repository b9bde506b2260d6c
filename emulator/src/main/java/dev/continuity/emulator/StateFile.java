package dev.continuity.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.continuity.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The emulator's state on disk: written whole after every change (temp file, then atomic rename). */
final class StateFile {
  private static final ObjectMapper MAPPER = Json.MAPPER;
  private final Path path;

  StateFile(Path path) {
    this.path = path.toAbsolutePath();
  }

  Path path() {
    return path;
  }

  boolean exists() {
    return Files.isRegularFile(path);
  }

  EmulatorState load() {
    try {
      return MAPPER.readValue(path.toFile(), EmulatorState.class);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the emulator state file " + path + ": " + e.getMessage(), e);
    }
  }

  void save(EmulatorState state) {
    try {
      Path dir = path.getParent();
      if (dir != null) Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
      MAPPER.writeValue(tmp.toFile(), state);
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the emulator state file " + path, e);
    }
  }
}
