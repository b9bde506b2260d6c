package dev.continuity.cli;

import dev.continuity.model.estate.Severity;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** "Sev0".."Sev4", "sev2" or "2". */
final class SeverityConverter implements ITypeConverter<Severity> {
  @Override
  public Severity convert(String value) {
    Severity s = Severity.parse(value);
    if (s == null) throw new TypeConversionException("'" + value + "' is not a severity; use Sev0 (critical) to Sev4");
    return s;
  }
}
