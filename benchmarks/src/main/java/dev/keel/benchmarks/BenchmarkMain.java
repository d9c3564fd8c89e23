package dev.keel.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs JMH with the JVM flags Keel needs (Arrow's {@code --add-opens}) prepended to every fork's
 * command line; prepended, because JMH lets command-line {@code jvmArgsAppend} replace the
 * benchmarks' own {@code @Fork(jvmArgsAppend = ...)} (heap and GC settings), which must stay. The
 * flags come from the root POM's {@code keel.jvm.flags}, filtered into a resource, so there is one
 * place to change them. Accepts JMH's usual command line.
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  /**
   * @param args JMH command-line arguments, e.g. {@code SchemaParseBenchmark -f 1 -prof gc}
   * @throws Exception if JMH fails
   */
  public static void main(String[] args)
      throws RunnerException, CommandLineOptionException, IOException {
    CommandLineOptions cli = new CommandLineOptions(args);
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cli).jvmArgsPrepend(jvmFlags());
    new Runner(options.build()).run();
  }

  static String[] jvmFlags() throws IOException {
    try (InputStream in = BenchmarkMain.class.getResourceAsStream("/keel-jvm.flags")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
    }
  }
}
