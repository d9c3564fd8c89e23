package dev.keel.connectors.cli;

import dev.keel.kernel.exceptions.KernelException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code keel} command-line tool: inspect, query and write Delta tables.
 *
 * <p>Exit codes: 0 success; 1 a user error (missing table, bad predicate, conflicting write...),
 * reported as one line on stderr, with the stack trace only under {@code --verbose}; 2 a usage
 * error (unknown option, missing argument).
 */
@Command(
    name = "keel",
    mixinStandardHelpOptions = true,
    versionProvider = KeelCli.Version.class,
    description = "Inspect, query and write Delta tables with Keel.",
    subcommands = {
      DemoCommand.class,
      DescribeCommand.class,
      HistoryCommand.class,
      LogCommand.class,
      FilesCommand.class,
      CatCommand.class,
      ChangesCommand.class,
      CreateCommand.class,
      AppendCommand.class,
      DeleteCommand.class,
      CheckpointCommand.class,
      IngestCommand.class,
      ShareCommand.class,
      MaintenanceCommands.Restore.class,
      MaintenanceCommands.Vacuum.class,
      MaintenanceCommands.Repair.class,
      MaintenanceCommands.CleanupLog.class,
      MaintenanceCommands.Optimize.class
    })
public final class KeelCli implements Callable<Integer> {

  /** Prints the version from the jar manifest, or "development build". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = KeelCli.class.getPackage().getImplementationVersion();
      return new String[] {"keel " + (v == null ? "0.1.0-SNAPSHOT (development build)" : v)};
    }
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }

  /**
   * Runs the tool and returns its exit code (for tests and embedding).
   *
   * @param out standard output
   * @param err standard error
   * @param args the arguments
   * @return the exit code
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new KeelCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          boolean verbose = CommonOptions.isVerbose(cmd.getCommand());
          String message = e.getMessage() == null ? e.toString() : e.getMessage();
          if (!(e instanceof KernelException
              || e instanceof UsageError
              || e instanceof IOException
              || e instanceof UncheckedIOException)) {
            message = e.getClass().getSimpleName() + ": " + message;
          }
          err.println(
              "keel " + cmd.getCommandName() + ": " + message.lines().findFirst().orElse(""));
          if (verbose) {
            e.printStackTrace(err);
          }
          err.flush();
          return 1;
        });
    if (args.length > 0 && !args[0].startsWith("-") && !cli.getSubcommands().containsKey(args[0])) {
      err.println(
          "keel: unknown command `"
              + args[0]
              + "`. Commands: "
              + String.join(", ", cli.getSubcommands().keySet())
              + ". See keel --help.");
      err.flush();
      return 2;
    }
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Entry point of the {@code keel} launcher.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    int code;
    try (PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true)) {
      code = run(out, err, args);
    }
    System.exit(code);
  }
}
