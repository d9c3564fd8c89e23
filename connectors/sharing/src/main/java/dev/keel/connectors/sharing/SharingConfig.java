package dev.keel.connectors.sharing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a sharing server serves and how: the shares, their schemas and tables, the bearer tokens
 * that reach them, and the server's limits. Read from a YAML file of the reference server's shape:
 *
 * <pre>{@code
 * version: 1
 * shares:
 * - name: sales
 *   schemas:
 *   - name: eu
 *     tables:
 *     - name: orders
 *       location: /data/orders        # a local path, file:/..., or s3a://bucket/path
 *       historyShared: true           # time travel and change data feed allowed
 *       startVersion: 0               # no history before this version is shared
 * authorization:
 *   bearerToken: <reaches every share>
 *   shares:
 *   - name: sales
 *     bearerToken: <reaches only `sales`>
 * host: localhost
 * port: 8080
 * endpoint: /delta-sharing
 * preSignedUrlTimeoutSeconds: 3600
 * }</pre>
 *
 * <p>Every key is checked: an unknown key, a missing one or a value of the wrong type is refused
 * with the line it is on ({@link InvalidSharingConfigException}). Names are compared
 * case-insensitively, as the protocol's URLs are.
 */
public final class SharingConfig {
  /** A shared table: its name in the share, where it lives, and how much history is shared. */
  public record Table(
      String name, String location, String id, boolean historyShared, long startVersion) {
    /** Checks the arguments. */
    public Table {
      requireNonNull(name, "name is null");
      requireNonNull(location, "location is null");
      requireNonNull(id, "id is null");
    }
  }

  /** A schema of a share: a named group of tables. */
  public record Schema(String name, List<Table> tables) {
    /** Checks the arguments and copies the list. */
    public Schema {
      requireNonNull(name, "name is null");
      tables = List.copyOf(tables);
    }
  }

  /** A share: what a recipient is given, in schemas. */
  public record Share(String name, String id, List<Schema> schemas) {
    /** Checks the arguments and copies the list. */
    public Share {
      requireNonNull(name, "name is null");
      requireNonNull(id, "id is null");
      schemas = List.copyOf(schemas);
    }
  }

  /** TLS for the listener: a PKCS12 or JKS key store holding the server's key and certificate. */
  public record Tls(Path keyStoreFile, String keyStorePassword, String keyStoreType) {
    /** Checks the arguments. */
    public Tls {
      requireNonNull(keyStoreFile, "keyStoreFile is null");
      requireNonNull(keyStorePassword, "keyStorePassword is null");
      requireNonNull(keyStoreType, "keyStoreType is null");
    }
  }

  private final List<Share> shares;
  private final Optional<String> universalToken;
  private final Map<String, List<String>> shareTokens;
  private final String host;
  private final int port;
  private final String endpoint;
  private final Optional<String> publicUrl;
  private final long preSignedUrlTimeoutSeconds;
  private final int maxPageSize;
  private final long maxRequestBodyBytes;
  private final int requestsPerSecond;
  private final long idleTimeoutMillis;
  private final Optional<byte[]> urlSigningKey;
  private final Optional<Tls> tls;
  private final boolean accessLog;
  private final ZoneId timeZone;
  private final int snapshotCacheEntries;
  private final Map<String, String> fileSystemOptions;

  SharingConfig(Builder b) {
    this.shares = List.copyOf(b.shares);
    this.universalToken = b.universalToken;
    this.shareTokens = Map.copyOf(b.shareTokens);
    this.host = b.host;
    this.port = b.port;
    this.endpoint = b.endpoint;
    this.publicUrl = b.publicUrl;
    this.preSignedUrlTimeoutSeconds = b.preSignedUrlTimeoutSeconds;
    this.maxPageSize = b.maxPageSize;
    this.maxRequestBodyBytes = b.maxRequestBodyBytes;
    this.requestsPerSecond = b.requestsPerSecond;
    this.idleTimeoutMillis = b.idleTimeoutMillis;
    this.urlSigningKey = b.urlSigningKey;
    this.tls = b.tls;
    this.accessLog = b.accessLog;
    this.timeZone = b.timeZone;
    this.snapshotCacheEntries = b.snapshotCacheEntries;
    this.fileSystemOptions = Map.copyOf(b.fileSystemOptions);
  }

  /**
   * Reads a configuration file. Relative table locations and file names are resolved against the
   * file's directory.
   *
   * @param file a {@code .yaml} or {@code .yml} file
   * @return the configuration
   * @throws InvalidSharingConfigException if the file cannot be read or is not a valid
   *     configuration (the message names the line)
   */
  public static SharingConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InvalidSharingConfigException(
          "Cannot read the sharing configuration `" + file + "`: there is no such file.", e);
    } catch (IOException e) {
      throw new InvalidSharingConfigException(
          "Cannot read the sharing configuration `" + file + "`: " + e.getMessage() + ".", e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, "`" + file + "`", dir);
  }

  /**
   * Parses a configuration from its text.
   *
   * @param yaml the YAML text
   * @param source how to name the text in error messages (a file name in backticks, say)
   * @param baseDirectory the directory relative locations are resolved against
   * @return the configuration
   * @throws InvalidSharingConfigException if the text is not a valid configuration
   */
  public static SharingConfig parse(String yaml, String source, Path baseDirectory) {
    return SharingConfigReader.parse(yaml, source, baseDirectory);
  }

  /**
   * @param port the port to listen on instead of the file's (0: any free port)
   * @return this configuration with another port
   */
  public SharingConfig withPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
    }
    Builder b = new Builder(this);
    b.port = port;
    return new SharingConfig(b);
  }

  /**
   * @return the shares, in the order of the file
   */
  public List<Share> getShares() {
    return shares;
  }

  /**
   * @return the token that reaches every share, if configured
   */
  public Optional<String> getUniversalToken() {
    return universalToken;
  }

  /**
   * @return the tokens of each share, by share name in lower case
   */
  public Map<String, List<String>> getShareTokens() {
    return shareTokens;
  }

  /**
   * @return the address to listen on
   */
  public String getHost() {
    return host;
  }

  /**
   * @return the port to listen on (0: any free port)
   */
  public int getPort() {
    return port;
  }

  /**
   * @return the path prefix of every endpoint, {@code ""} or starting with {@code /}
   */
  public String getEndpoint() {
    return endpoint;
  }

  /**
   * @return the scheme, host and port file URLs start with, if configured (else those the request
   *     was sent to)
   */
  public Optional<String> getPublicUrl() {
    return publicUrl;
  }

  /**
   * @return how long a file URL the server hands out stays valid
   */
  public long getPreSignedUrlTimeoutSeconds() {
    return preSignedUrlTimeoutSeconds;
  }

  /**
   * @return the most items a list page holds, whatever {@code maxResults} asks
   */
  public int getMaxPageSize() {
    return maxPageSize;
  }

  /**
   * @return the largest request body accepted
   */
  public long getMaxRequestBodyBytes() {
    return maxRequestBodyBytes;
  }

  /**
   * @return requests per second allowed for each bearer token (0: no limit)
   */
  public int getRequestsPerSecond() {
    return requestsPerSecond;
  }

  /**
   * @return how long a connection may stay silent, mid-request or between requests
   */
  public long getIdleTimeoutMillis() {
    return idleTimeoutMillis;
  }

  /**
   * @return the key file URLs are signed with, if configured (else a random key per start)
   */
  public Optional<byte[]> getUrlSigningKey() {
    return urlSigningKey.map(byte[]::clone);
  }

  /**
   * @return TLS settings, if the listener speaks HTTPS
   */
  public Optional<Tls> getTls() {
    return tls;
  }

  /**
   * @return whether each request is logged as a JSON line
   */
  public boolean isAccessLog() {
    return accessLog;
  }

  /**
   * @return the zone timestamps without an offset are read in
   */
  public ZoneId getTimeZone() {
    return timeZone;
  }

  /**
   * @return the engine's file system options ({@code keel.s3.endpoint}, {@code keel.s3.region},
   *     ...), for the engine the server reads with and for presigning object store URLs
   */
  public Map<String, String> getFileSystemOptions() {
    return fileSystemOptions;
  }

  /**
   * @return how many table snapshots are kept between requests
   */
  public int getSnapshotCacheEntries() {
    return snapshotCacheEntries;
  }

  /** The values of a configuration while it is read. */
  static final class Builder {
    final List<Share> shares = new ArrayList<>();
    Optional<String> universalToken = Optional.empty();
    final Map<String, List<String>> shareTokens = new HashMap<>();
    String host;
    int port;
    String endpoint;
    Optional<String> publicUrl = Optional.empty();
    long preSignedUrlTimeoutSeconds;
    int maxPageSize;
    long maxRequestBodyBytes;
    int requestsPerSecond;
    long idleTimeoutMillis;
    Optional<byte[]> urlSigningKey = Optional.empty();
    Optional<Tls> tls = Optional.empty();
    boolean accessLog;
    ZoneId timeZone;
    int snapshotCacheEntries;
    final Map<String, String> fileSystemOptions = new LinkedHashMap<>();

    Builder() {}

    Builder(SharingConfig c) {
      shares.addAll(c.shares);
      universalToken = c.universalToken;
      shareTokens.putAll(c.shareTokens);
      host = c.host;
      port = c.port;
      endpoint = c.endpoint;
      publicUrl = c.publicUrl;
      preSignedUrlTimeoutSeconds = c.preSignedUrlTimeoutSeconds;
      maxPageSize = c.maxPageSize;
      maxRequestBodyBytes = c.maxRequestBodyBytes;
      requestsPerSecond = c.requestsPerSecond;
      idleTimeoutMillis = c.idleTimeoutMillis;
      urlSigningKey = c.urlSigningKey;
      tls = c.tls;
      accessLog = c.accessLog;
      timeZone = c.timeZone;
      snapshotCacheEntries = c.snapshotCacheEntries;
      fileSystemOptions.putAll(c.fileSystemOptions);
    }
  }
}
