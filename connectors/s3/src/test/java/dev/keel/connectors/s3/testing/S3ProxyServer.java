package dev.keel.connectors.s3.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server for tests: s3proxy with its filesystem backend, run as a child JVM on the
 * class path that the {@code keel-s3proxy-runtime} module resolved (system property {@code
 * keel.s3proxy.classpath}), listening on a loopback port, storing objects under a temporary
 * directory. It checks AWS signatures with the identity the tests' JVMs are given ({@code
 * aws.accessKeyId} and {@code aws.secretAccessKey}, set by Surefire). Closing it stops the process.
 */
public final class S3ProxyServer implements AutoCloseable {
  /** The access key the server accepts (Surefire gives the tests' JVMs the same). */
  public static final String ACCESS_KEY = "keel-test";

  /** The secret key the server accepts. */
  public static final String SECRET_KEY = "keel-test-secret";

  private static final long START_TIMEOUT_MILLIS = 60_000;

  private final Path dataDir;
  private final int port;
  private Process process;

  private S3ProxyServer(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /**
   * Starts a server on a free loopback port and waits until it answers.
   *
   * @param workDir a directory for the stored objects, configuration and log
   * @return the running server
   */
  public static S3ProxyServer start(Path workDir) {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    S3ProxyServer server = new S3ProxyServer(workDir, port);
    server.launch();
    return server;
  }

  /**
   * @return the endpoint URL, {@code http://127.0.0.1:PORT}
   */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Creates a bucket (a directory of the filesystem backend).
   *
   * @param name the bucket
   */
  public void createBucket(String name) {
    dev.keel.connectors.s3.S3Options o =
        dev.keel.connectors.s3.S3Options.from(
            java.util.Map.of("keel.s3.endpoint", endpoint()), java.util.Map.of());
    try (software.amazon.awssdk.services.s3.S3Client s3 =
        dev.keel.connectors.s3.S3FileSystemProvider.client(o)) {
      s3.createBucket(b -> b.bucket(name));
    }
  }

  /** Stops the server process, as a crash would: no goodbye to the connections. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Starts the server again on the same port and data after {@link #kill}. */
  public void restart() {
    kill();
    launch();
  }

  private void launch() {
    String classpath = classpath();
    try {
      Files.createDirectories(dataDir.resolve("data"));
      Path props = dataDir.resolve("s3proxy.conf");
      Files.writeString(
          props,
          String.join(
              "\n",
              "s3proxy.endpoint=" + endpoint(),
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + ACCESS_KEY,
              "s3proxy.credential=" + SECRET_KEY,
              // Trino's S3 client asks for optional object attributes, which s3proxy does not know
              "s3proxy.ignore-unknown-headers=true",
              "jclouds.provider=filesystem-nio2",
              "jclouds.filesystem.basedir=" + dataDir.resolve("data"),
              ""));
      Path logback = dataDir.resolve("logback.xml");
      Files.writeString(
          logback,
          "<configuration><appender name=\"F\" class=\"ch.qos.logback.core.FileAppender\">"
              + "<file>"
              + dataDir.resolve("s3proxy.log")
              + "</file><encoder><pattern>%d %level %logger %msg%n</pattern></encoder></appender>"
              + "<root level=\"WARN\"><appender-ref ref=\"F\"/></root></configuration>");
      List<String> command = new ArrayList<>();
      command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx512m");
      command.add("-Dlogback.configurationFile=" + logback);
      command.add("-cp");
      command.add(classpath);
      command.add("org.gaul.s3proxy.Main");
      command.add("--properties");
      command.add(props.toString());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dataDir.resolve("s3proxy.out").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitPort();
  }

  private void awaitPort() {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    for (int attempt = 0; attempt < 1200; attempt++) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "s3proxy exited with "
                + process.exitValue()
                + "; see "
                + dataDir.resolve("s3proxy.out"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (System.currentTimeMillis() > deadline) {
          break;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    kill();
    throw new IllegalStateException(
        "s3proxy did not listen on port " + port + " within " + START_TIMEOUT_MILLIS + " ms");
  }

  private static String classpath() {
    String file = System.getProperty("keel.s3proxy.classpath");
    if (file == null || !Files.isRegularFile(Paths.get(file))) {
      throw new IllegalStateException(
          "The S3 test server's class path file is missing ("
              + file
              + "): build the keel-s3proxy-runtime module first (mvn -B verify from the root"
              + " does).");
    }
    try {
      return Files.readString(Paths.get(file)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    kill();
  }
}
