package dev.continuity.cli;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.PlanCompiler;
import dev.continuity.model.config.Problem;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import java.nio.file.Path;
import java.util.List;

/** Where the commands get the estate and its plans from: the YAML directory, unless a test says otherwise. */
public interface ConfigSource {
  List<Problem> validate(Path dir);

  Estate load(Path dir) throws EstateException;

  Plan compile(Estate estate, String stamp, Mode mode) throws EstateException;

  /** The inventory and runbooks in a directory, through the model's loader and compiler. */
  ConfigSource FILES = new ConfigSource() {
    @Override
    public List<Problem> validate(Path dir) {
      return Estate.validate(dir);
    }

    @Override
    public Estate load(Path dir) throws EstateException {
      return Estate.load(dir);
    }

    @Override
    public Plan compile(Estate estate, String stamp, Mode mode) throws EstateException {
      return PlanCompiler.compile(estate, stamp, mode);
    }
  };
}
