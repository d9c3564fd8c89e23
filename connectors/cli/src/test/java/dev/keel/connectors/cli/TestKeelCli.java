package dev.keel.connectors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TestKeelCli {
  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = KeelCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void printsVersionAndHelp() {
    String[] version = run("--version");
    assertThat(version[0]).isEqualTo("0");
    assertThat(version[1]).isEqualTo("keel 0.1.0-SNAPSHOT (development build)" + System.lineSeparator());
    String[] help = run("--help");
    assertThat(help[0]).isEqualTo("0");
    assertThat(help[1]).startsWith("Usage: keel [-hV]").contains("Inspect, query and write Delta tables with Keel.");
  }

  @Test
  void unknownOptionsAreUsageErrors() {
    String[] r = run("--nope");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).startsWith("Unknown option: '--nope'");
  }
}
