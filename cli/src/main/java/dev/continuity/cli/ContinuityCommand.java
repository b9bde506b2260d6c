package dev.continuity.cli;

import dev.continuity.model.Json;
import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.Problem;
import dev.continuity.starter.TemporalSession;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the root's options and seams, and its output streams. */
abstract class ContinuityCommand implements Callable<Integer> {
  @ParentCommand Continuity root;
  @Spec CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  TemporalSession connect() {
    return root.connect();
  }

  /** The estate, or an {@link EstateException} (exit 2) listing every problem. */
  Estate loadEstate() throws EstateException {
    Path dir = root.configDir();
    if (!Files.isDirectory(dir)) throw missingConfig(dir);
    return root.configSource().load(dir);
  }

  static EstateException missingConfig(Path dir) {
    return new EstateException(new Problem(dir.toString(), 0, null,
        "no configuration directory here (give one with --config DIR or CONTINUITY_CONFIG)"));
  }

  void printJson(Object value) {
    try {
      out().println(Json.MAPPER.writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
    out().flush();
  }
}
