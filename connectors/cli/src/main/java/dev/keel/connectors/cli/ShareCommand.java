package dev.keel.connectors.cli;

import dev.keel.connectors.sharing.SharingConfig;
import dev.keel.connectors.sharing.SharingServer;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** keel share: a Delta Sharing server for the tables a configuration file names, until stopped. */
@Command(
    name = "share",
    description =
        "Serve tables to Delta Sharing recipients (the open sharing protocol) as a configuration"
            + " file describes them; SIGTERM or Ctrl-C stops the server (requests in flight get 5"
            + " seconds) and exits 0.")
final class ShareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The server's YAML configuration: shares, tables, tokens, limits, TLS.")
  Path config;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The port to listen on instead of the file's (0: any free port).")
  Integer port;

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SharingConfig c = SharingConfig.load(config);
    if (port != null) {
      if (port < 0 || port > 65535) {
        throw new UsageError("--port must be between 0 and 65535, not " + port + ".");
      }
      c = c.withPort(port);
    }
    DefaultEngine.Builder builder = DefaultEngine.builder();
    c.getFileSystemOptions().forEach(builder::fileSystemOption);
    try (DefaultEngine engine = builder.build()) {
      SharingServer server;
      try {
        server = SharingServer.start(c, engine);
      } catch (IllegalStateException e) {
        throw new UsageError(e.getMessage());
      }
      Thread hook =
          new Thread(
              () -> {
                server.close();
                Runtime.getRuntime().halt(0); // stopped as asked: a clean exit
              },
              "keel-share-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      try (server) {
        int tables =
            c.getShares().stream()
                .flatMap(s -> s.schemas().stream())
                .mapToInt(s -> s.tables().size())
                .sum();
        out.println(
            "Serving "
                + c.getShares().size()
                + (c.getShares().size() == 1 ? " share" : " shares")
                + " ("
                + tables
                + (tables == 1 ? " table" : " tables")
                + ") at "
                + server.getUri());
        out.println(
            "A recipient's profile file: {\"shareCredentialsVersion\":1,\"endpoint\":\""
                + server.getUri()
                + "\",\"bearerToken\":\"<their token>\"}");
        out.flush();
        server.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // stopped by the embedding program
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it stops the server
        }
      }
    }
    return 0;
  }
}
