package dev.keel.connectors.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code keel} command-line tool. This is the shell the later commands (describe, history,
 * files, cat, create, append, delete, checkpoint, demo) hang off; today it only knows
 * {@code --help} and {@code --version}.
 *
 * <p>Exit codes: 0 success, 1 user error, 2 usage error.
 */
@Command(name = "keel", mixinStandardHelpOptions = true, versionProvider = KeelCli.Version.class,
    description = "Inspect, query and write Delta tables with Keel.")
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
    return cli.execute(args);
  }

  /**
   * Entry point of the {@code keel} launcher.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    int code;
    try (PrintWriter out = new PrintWriter(System.out, true); PrintWriter err = new PrintWriter(System.err, true)) {
      code = run(out, err, args);
    }
    System.exit(code);
  }
}
