package dev.continuity.cli;

import picocli.CommandLine;

/**
 * The one place where subcommands are registered. Commands added later (demo, emulator,
 * dev-server) go here: {@code cl.addSubcommand(new DemoCommand())}; a subcommand reaches the
 * global options and seams through {@code @ParentCommand Continuity root}, or by extending
 * {@link ContinuityCommand}.
 */
public final class Commands {
  private Commands() {}

  public static void register(CommandLine cl) {
    cl.addSubcommand(new ValidateCommand());
    cl.addSubcommand(new PlanCommand());
    cl.addSubcommand(new RolesCommand());
    cl.addSubcommand(new WorkerCommand());
    cl.addSubcommand(new RecoveryCommand.Failover());
    cl.addSubcommand(new RecoveryCommand.Failback());
    cl.addSubcommand(new RecoveryCommand.Drill());
    cl.addSubcommand(new ApprovalCommand.Approve());
    cl.addSubcommand(new ApprovalCommand.Reject());
    cl.addSubcommand(new DecideCommand());
    cl.addSubcommand(new StatusCommand());
    cl.addSubcommand(new ReportCommand());
    cl.addSubcommand(new ListCommand());
    cl.addSubcommand(new EmulatorCommand());
    cl.addSubcommand(new DemoCommand());
    cl.addSubcommand(new StarterCommand());
    cl.addSubcommand(new ScheduleCommand());
    cl.addSubcommand(new DrillsCommand());
    cl.addSubcommand(new BenchCommand());
    cl.addSubcommand(new CodecServerCommand());
    cl.addSubcommand(new DetectCommand());
  }
}
