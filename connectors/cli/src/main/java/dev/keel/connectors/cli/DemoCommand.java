package dev.keel.connectors.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    description =
        "Create a partitioned table, append, delete, checkpoint, and show what Keel sees.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @picocli.CommandLine.Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      defaultValue = "target/keel-demo",
      description =
          "Where to create the demo table (default: ${DEFAULT-VALUE}); its 'events' table is recreated.")
  String dir;

  private int run(String... args) {
    PrintWriter out = spec.commandLine().getOut();
    out.println();
    StringBuilder shown = new StringBuilder("$ keel");
    for (String a : args) {
      shown
          .append(' ')
          .append(a.matches("[A-Za-z0-9_./=:,-]+") ? a : "\"" + a.replace("\"", "\\\"") + "\"");
    }
    out.println(shown);
    return KeelCli.run(out, spec.commandLine().getErr(), args);
  }

  @Override
  public Integer call() throws IOException {
    Path root = Paths.get(dir).toAbsolutePath().normalize();
    Path table = root.resolve("events");
    if (Files.exists(table)) {
      try (Stream<Path> walk = Files.walk(table)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(root);
    Path batch1 =
        write(
            root.resolve("batch-1.csv"),
            "id,city,amount,ts,tags\n"
                + "1,Paris,12.50,2024-05-01 10:00:00,\"[\"\"a\"\"]\"\n2,Paris,99.99,2024-05-01 11:30:00,\n"
                + "3,Lisbon,7.25,2024-05-02 09:15:00,\n4,Tokyo,150.00,2024-05-02 23:59:59,\n");
    Path batch2 =
        write(
            root.resolve("batch-2.jsonl"),
            "{\"id\":5,\"city\":\"Lisbon\",\"amount\":61.10,\"ts\":\"2024-05-03T08:00:00Z\",\"tags\":[\"b\",\"c\"]}\n"
                + "{\"id\":6,\"city\":\"Paris\",\"amount\":3.00,\"ts\":\"2024-05-03T12:00:00Z\"}\n");
    Path batch3 =
        write(
            root.resolve("batch-3.jsonl"),
            "{\"id\":7,\"city\":\"Tokyo\",\"amount\":8.40,\"ts\":\"2024-05-04T06:30:00Z\"}\n"
                + "{\"id\":8,\"city\":null,\"amount\":42.00,\"ts\":\"2024-05-04T07:00:00Z\"}\n"
                + "{\"id\":9,\"city\":\"Paris\",\"amount\":20.00,\"ts\":\"2024-05-04T09:45:00Z\"}\n");
    String t = table.toString();
    int rc = 0;
    rc |=
        run(
            "create",
            t,
            "--schema",
            "id BIGINT NOT NULL, city STRING, amount DECIMAL(10,2), ts TIMESTAMP, tags ARRAY<STRING>",
            "--partitioned-by",
            "city");
    rc |= run("append", t, batch1.toString());
    rc |= run("append", t, batch2.toString(), batch3.toString());
    rc |= run("delete", t, "--where", "amount < 10");
    rc |= run("checkpoint", t);
    rc |= run("describe", t);
    rc |= run("history", t);
    rc |= run("files", t, "--where", "city = 'Paris' AND amount > 50", "--explain");
    rc |= run("cat", t);
    rc |= run("cat", t, "--version", "1", "--where", "amount >= 10", "--columns", "id,city,amount");
    return rc == 0 ? 0 : 1;
  }

  private static Path write(Path p, String content) throws IOException {
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    return p;
  }
}
