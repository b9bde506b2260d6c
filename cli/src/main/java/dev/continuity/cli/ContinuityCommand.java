package dev.continuity.cli;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.Problem;
import dev.continuity.starter.TemporalSession;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ParentCommand;

/** What every subcommand shares: the root's options and seams, and its output streams. */
abstract class ContinuityCommand extends OutputCommand {
  @ParentCommand Continuity root;

  TemporalSession connect() {
    return root.connect();
  }

  /** The estate, or an {@link EstateException} (exit 2) listing every problem. */
  Estate loadEstate() throws EstateException {
    return loadEstate(root);
  }

  static Estate loadEstate(Continuity root) throws EstateException {
    Path dir = root.configDir();
    if (!Files.isDirectory(dir)) throw missingConfig(dir);
    return root.configSource().load(dir);
  }

  static EstateException missingConfig(Path dir) {
    return new EstateException(new Problem(dir.toString(), 0, null,
        "no configuration directory here (give one with --config DIR or CONTINUITY_CONFIG)"));
  }
}
