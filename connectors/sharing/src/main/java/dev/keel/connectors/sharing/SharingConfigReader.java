package dev.keel.connectors.sharing;

import dev.keel.connectors.sharing.SharingConfig.Schema;
import dev.keel.connectors.sharing.SharingConfig.Share;
import dev.keel.connectors.sharing.SharingConfig.Table;
import dev.keel.connectors.sharing.SharingConfig.Tls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a {@link SharingConfig} from YAML: every key checked, every error naming its line, table
 * locations made absolute, ids derived from names where none is given.
 */
final class SharingConfigReader {
  private static final int CURRENT_VERSION = 1;

  private SharingConfigReader() {}

  static SharingConfig parse(String yaml, String source, Path baseDirectory) {
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
    SharingConfig.Builder b = new SharingConfig.Builder();
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

  private static void readAuthorization(
      YamlMap auth, Map<String, Share> shares, SharingConfig.Builder b) {
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

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String stableId(String name) {
    return UUID.nameUUIDFromBytes(("keel-sharing:" + name).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
