package dev.continuity.cli;

import dev.continuity.model.operation.StepDecision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** retry, skip or abort. */
final class DecisionConverter implements ITypeConverter<StepDecision> {
  @Override
  public StepDecision convert(String value) {
    StepDecision d = StepDecision.parse(value);
    if (d == null) throw new TypeConversionException("'" + value + "' is not a decision; use retry, skip or abort");
    return d;
  }
}
