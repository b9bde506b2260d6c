package dev.continuity.cli;

import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.Problem;
import dev.continuity.starter.OperationNotFoundException;
import dev.continuity.starter.TemporalUnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns what a command throws into one line on stderr and an exit code; a stack trace only with --verbose. */
final class ErrorHandler implements IExecutionExceptionHandler {
  private static final String START_HINT = "(start one with scripts/dev-server.sh start, or set --temporal)";

  private final Continuity root;

  ErrorHandler(Continuity root) {
    this.root = root;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    int code = report(ex, err);
    if (root.verbose()) ex.printStackTrace(err);
    err.flush();
    return code;
  }

  private int report(Exception ex, PrintWriter err) {
    if (ex instanceof EstateException ee) {
      for (Problem p : ee.problems()) err.println(p);
      err.println("continuity: " + ee.problems().size() + " problem(s) in the configuration");
      return ExitCodes.USAGE;
    }
    if (ex instanceof UsageException || ex instanceof OperationNotFoundException) {
      err.println("continuity: " + ex.getMessage());
      return ExitCodes.USAGE;
    }
    if (ex instanceof TemporalUnavailableException tu) {
      err.println("continuity: " + tu.getMessage() + " " + START_HINT);
      return ExitCodes.FAILED;
    }
    StatusRuntimeException grpc = grpcCause(ex);
    if (grpc != null && grpc.getStatus().getCode() == Status.Code.UNAVAILABLE) {
      err.println("continuity: cannot reach Temporal at " + root.connection().address() + ": "
          + grpc.getStatus().getDescription() + " " + START_HINT);
      return ExitCodes.FAILED;
    }
    if (grpc != null) {
      err.println("continuity: Temporal answered " + grpc.getStatus().getCode() + ": " + grpc.getStatus().getDescription());
      return ExitCodes.FAILED;
    }
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    err.println("continuity: " + message + (root.verbose() ? "" : " (run with --verbose for details)"));
    return ExitCodes.FAILED;
  }

  private static StatusRuntimeException grpcCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRuntimeException s) return s;
    }
    return null;
  }
}
