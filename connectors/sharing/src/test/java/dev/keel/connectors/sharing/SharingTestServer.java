package dev.keel.connectors.sharing;

import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A sharing server on a loopback port for tests, with its engine and a record of its access log.
 * The configuration is YAML text, so the tests go through the same parser users do.
 */
final class SharingTestServer implements AutoCloseable {
  static final String TOKEN = "token-for-every-share-0123456789";

  final DefaultEngine engine;
  final SharingServer server;
  final SharingConfig config;
  final List<String> accessLog = Collections.synchronizedList(new ArrayList<>());

  private SharingTestServer(String yaml, Path baseDir) {
    this.config = SharingConfig.parse(yaml, "test", baseDir);
    DefaultEngine.Builder b = DefaultEngine.builder();
    config.getFileSystemOptions().forEach(b::fileSystemOption);
    this.engine = b.build();
    this.server = SharingServer.start(config, engine, accessLog::add);
  }

  static SharingTestServer start(String yaml, Path baseDir) {
    return new SharingTestServer(yaml, baseDir);
  }

  /**
   * A server with one share {@code share} of one schema {@code schema} holding the given tables
   * (name to location), history shared, and the universal {@link #TOKEN}.
   */
  static SharingTestServer sharing(Map<String, Path> tables, String extra) {
    StringBuilder y = new StringBuilder();
    y.append("version: 1\nshares:\n- name: share\n  schemas:\n  - name: schema\n    tables:\n");
    tables.forEach(
        (name, location) ->
            y.append("    - name: ")
                .append(quote(name))
                .append("\n      location: ")
                .append(quote(location.toAbsolutePath().toString()))
                .append("\n      historyShared: true\n"));
    y.append("authorization:\n  bearerToken: ").append(TOKEN).append('\n');
    y.append("host: 127.0.0.1\nport: 0\n");
    y.append(extra);
    return start(y.toString(), Path.of("."));
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  String endpoint() {
    return server.getUri().toString();
  }

  SharingClient client() {
    return new SharingClient(endpoint(), TOKEN);
  }

  SharingClient client(String token) {
    return new SharingClient(endpoint(), token);
  }

  @Override
  public void close() {
    server.close();
    engine.close();
  }
}
