package dev.continuity.cli;

import dev.continuity.model.plan.Mode;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** "failover", "failback" or "drill", in any case. */
final class ModeConverter implements ITypeConverter<Mode> {
  @Override
  public Mode convert(String value) {
    Mode m = Mode.parse(value);
    if (m == null) throw new TypeConversionException("'" + value + "' is not a mode; use failover, failback or drill");
    return m;
  }

  static final class Candidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Mode.values()).map(Mode::text).iterator();
    }
  }
}
