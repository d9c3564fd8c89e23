package dev.keel.connectors.cli;

import picocli.CommandLine.Option;

/** The options every command takes ({@code @Mixin}): --verbose and --help. */
final class CommonOptions {
  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  /**
   * @return whether the command object was given --verbose
   */
  static boolean isVerbose(Object command) {
    if (command instanceof TableCommand) {
      return ((TableCommand) command).common.verbose;
    }
    if (command instanceof ShareCommand) {
      return ((ShareCommand) command).common.verbose;
    }
    return command instanceof IngestCommand && ((IngestCommand) command).common.verbose;
  }
}
