package dev.keel.connectors.sharing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

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

  private static final int CURRENT_VERSION = 1;

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

  private SharingConfig(Builder b) {
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
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(10);
      root = new Yaml(options).compose(new java.io.StringReader(yaml));
    } catch (YAMLException e) {
      throw new InvalidSharingConfigException(
          "Cannot use the sharing configuration "
              + source
              + ": it is not valid YAML: "
              + e.getMessage(),
          e);
    }
    if (root == null) {
      throw new InvalidSharingConfigException(
          "Cannot use the sharing configuration "
              + source
              + ": it is empty. It needs at least"
              + " `version: 1`, `shares` and `authorization`.");
    }
    return read(new YamlMap(source, "", root), baseDirectory);
  }

  private static SharingConfig read(YamlMap doc, Path baseDirectory) {
    doc.allow(
        "version",
        "shares",
        "authorization",
        "host",
        "port",
        "endpoint",
        "publicUrl",
        "preSignedUrlTimeoutSeconds",
        "maxPageSize",
        "maxRequestBodyBytes",
        "requestsPerSecond",
        "idleTimeoutSeconds",
        "snapshotCacheEntries",
        "accessLog",
        "timeZone",
        "urlSigningKeyFile",
        "fileSystemOptions",
        "ssl");
    Builder b = new Builder();
    long version = doc.longValue("version", -1, -1, Integer.MAX_VALUE);
    if (version == -1) {
      throw doc.error("`version` is required (this server reads version 1)");
    }
    if (version != CURRENT_VERSION) {
      throw doc.error("`version` is " + version + "; this server reads version " + CURRENT_VERSION);
    }
    Map<String, Share> byName = new LinkedHashMap<>();
    for (YamlMap s : doc.list("shares")) {
      s.allow("name", "id", "schemas");
      Share share = readShare(s, baseDirectory);
      if (byName.put(key(share.name()), share) != null) {
        throw s.error("the share `" + share.name() + "` is configured twice");
      }
    }
    b.shares.addAll(byName.values());
    Optional<YamlMap> auth = doc.optionalMap("authorization");
    if (auth.isEmpty()) {
      throw doc.error(
          "`authorization` is required: give `authorization.bearerToken` (every share) or"
              + " `authorization.shares` (a token per share); the server serves nothing without"
              + " a token");
    }
    readAuthorization(auth.get(), byName, b);
    b.host = doc.optionalString("host").orElse("localhost");
    b.port = (int) doc.longValue("port", 8080, 0, 65535);
    b.endpoint = normalizeEndpoint(doc.optionalString("endpoint").orElse("/delta-sharing"));
    b.publicUrl =
        doc.optionalString("publicUrl")
            .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    if (b.publicUrl.isPresent() && !b.publicUrl.get().matches("https?://[^/?#]+")) {
      throw doc.error(
          "`publicUrl` must be the scheme, host and port recipients reach the server at, such as `https://sharing.example.com`, not `"
              + b.publicUrl.get()
              + "`");
    }
    b.preSignedUrlTimeoutSeconds =
        doc.longValue("preSignedUrlTimeoutSeconds", 3600, 1, 7 * 24 * 3600);
    b.maxPageSize = (int) doc.longValue("maxPageSize", 500, 1, 100_000);
    b.maxRequestBodyBytes = doc.longValue("maxRequestBodyBytes", 1 << 20, 1, 64L << 20);
    b.requestsPerSecond = (int) doc.longValue("requestsPerSecond", 200, 0, 1_000_000);
    b.idleTimeoutMillis = doc.longValue("idleTimeoutSeconds", 30, 1, 3600) * 1000;
    b.snapshotCacheEntries = (int) doc.longValue("snapshotCacheEntries", 100, 1, 100_000);
    b.accessLog = doc.booleanValue("accessLog", true);
    Optional<String> zone = doc.optionalString("timeZone");
    try {
      b.timeZone = zone.map(ZoneId::of).orElse(ZoneId.systemDefault());
    } catch (DateTimeException e) {
      throw doc.error("`timeZone` `" + zone.get() + "` is not a time zone id");
    }
    Optional<String> keyFile = doc.optionalString("urlSigningKeyFile");
    if (keyFile.isPresent()) {
      b.urlSigningKey = Optional.of(readKey(doc, baseDirectory.resolve(keyFile.get())));
    }
    Optional<YamlMap> fs = doc.optionalMap("fileSystemOptions");
    if (fs.isPresent()) {
      b.fileSystemOptions.putAll(fs.get().strings());
    }
    Optional<YamlMap> ssl = doc.optionalMap("ssl");
    if (ssl.isPresent()) {
      YamlMap t = ssl.get().allow("keyStoreFile", "keyStorePasswordFile", "keyStoreType");
      Path store = baseDirectory.resolve(t.string("keyStoreFile"));
      String password =
          t.optionalString("keyStorePasswordFile")
              .map(f -> readText(t, baseDirectory.resolve(f)).strip())
              .orElse("");
      String type = t.optionalString("keyStoreType").orElse("PKCS12");
      b.tls = Optional.of(new Tls(store, password, type));
    }
    return new SharingConfig(b);
  }

  private static Share readShare(YamlMap s, Path baseDirectory) {
    String name = s.string("name");
    String id = s.optionalString("id").orElse(stableId(name.toLowerCase(Locale.ROOT)));
    Map<String, Schema> schemas = new LinkedHashMap<>();
    for (YamlMap sc : s.list("schemas")) {
      sc.allow("name", "tables");
      String schemaName = sc.string("name");
      Map<String, Table> tables = new LinkedHashMap<>();
      for (YamlMap t : sc.list("tables")) {
        t.allow("name", "location", "id", "historyShared", "cdfEnabled", "startVersion");
        String tableName = t.string("name");
        String location = location(t, t.string("location"), baseDirectory);
        String tableId =
            t.optionalString("id")
                .orElse(stableId(key(name) + "/" + key(schemaName) + "/" + key(tableName)));
        boolean history =
            t.booleanValue("historyShared", false) | t.booleanValue("cdfEnabled", false);
        long start = t.longValue("startVersion", 0, 0, Long.MAX_VALUE);
        if (tables.put(key(tableName), new Table(tableName, location, tableId, history, start))
            != null) {
          throw t.error(
              "the table `" + tableName + "` is configured twice in `" + schemaName + "`");
        }
      }
      if (schemas.put(key(schemaName), new Schema(schemaName, new ArrayList<>(tables.values())))
          != null) {
        throw sc.error("the schema `" + schemaName + "` is configured twice in `" + name + "`");
      }
    }
    return new Share(name, id, new ArrayList<>(schemas.values()));
  }

  private static void readAuthorization(YamlMap auth, Map<String, Share> shares, Builder b) {
    auth.allow("bearerToken", "shares");
    b.universalToken = auth.optionalString("bearerToken").filter(t -> !t.isBlank());
    for (YamlMap s : auth.list("shares")) {
      s.allow("name", "bearerToken");
      String name = s.string("name");
      String token = s.string("bearerToken");
      if (!shares.containsKey(key(name))) {
        throw s.error(
            "`"
                + s.path()
                + "` gives a token for the share `"
                + name
                + "`, which is not configured");
      }
      b.shareTokens.computeIfAbsent(key(name), k -> new ArrayList<>()).add(token);
    }
    if (b.universalToken.isEmpty() && b.shareTokens.isEmpty()) {
      throw auth.error(
          "`authorization` gives no token: set `bearerToken` or list `shares` with theirs");
    }
  }

  private static String location(YamlMap t, String location, Path baseDirectory) {
    int colon = location.indexOf(':');
    boolean hasScheme =
        colon > 1 && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    if (hasScheme) {
      if (location.startsWith("file:")) {
        try {
          return "file:" + Path.of(java.net.URI.create(location)).normalize();
        } catch (IllegalArgumentException e) {
          throw t.error("`location` `" + location + "` is not a file URI");
        }
      }
      return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }
    Path p = baseDirectory.resolve(location).toAbsolutePath().normalize();
    return "file:" + p;
  }

  private static byte[] readKey(YamlMap doc, Path file) {
    byte[] key = readText(doc, file).trim().getBytes(StandardCharsets.UTF_8);
    if (key.length < 32) {
      throw doc.error(
          "`urlSigningKeyFile` `"
              + file
              + "` holds "
              + key.length
              + " bytes; a signing key needs at"
              + " least 32");
    }
    return key;
  }

  private static String readText(YamlMap at, Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw at.error("cannot read `" + file + "`: " + e.getMessage());
    }
  }

  private static String normalizeEndpoint(String endpoint) {
    String e = endpoint.startsWith("/") ? endpoint : "/" + endpoint;
    while (e.length() > 1 && e.endsWith("/")) {
      e = e.substring(0, e.length() - 1);
    }
    return e.equals("/") ? "" : e;
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String stableId(String name) {
    return UUID.nameUUIDFromBytes(("keel-sharing:" + name).getBytes(StandardCharsets.UTF_8))
        .toString();
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

  private static final class Builder {
    private final List<Share> shares = new ArrayList<>();
    private Optional<String> universalToken = Optional.empty();
    private final Map<String, List<String>> shareTokens = new HashMap<>();
    private String host;
    private int port;
    private String endpoint;
    private Optional<String> publicUrl = Optional.empty();
    private long preSignedUrlTimeoutSeconds;
    private int maxPageSize;
    private long maxRequestBodyBytes;
    private int requestsPerSecond;
    private long idleTimeoutMillis;
    private Optional<byte[]> urlSigningKey = Optional.empty();
    private Optional<Tls> tls = Optional.empty();
    private boolean accessLog;
    private ZoneId timeZone;
    private int snapshotCacheEntries;
    private final Map<String, String> fileSystemOptions = new LinkedHashMap<>();

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
