package dev.keel.connectors.sharing.read;

import static java.util.Objects.requireNonNull;

import dev.keel.connectors.sharing.SharingConfig;
import dev.keel.connectors.sharing.http.SharingException;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.SnapshotCache;
import dev.keel.kernel.Table;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.exceptions.TableNotFoundException;
import dev.keel.kernel.exceptions.VersionNotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured shares, schemas and tables by name (case-insensitively, as the protocol's URLs
 * name them), and their snapshots: the latest through a {@link SnapshotCache} refreshed on every
 * request, older ones loaded when asked for. Nothing outside the configuration can be named.
 */
public final class SharedTables {
  /** A configured table with the share and schema it is reached through. */
  public record Ref(
      SharingConfig.Share share, SharingConfig.Schema schema, SharingConfig.Table table) {
    /**
     * @return {@code share.schema.table}, as the recipient names it
     */
    public String displayName() {
      return share.name() + "." + schema.name() + "." + table.name();
    }

    /**
     * @return the lower-case {@code share/schema/table} key
     */
    public String key() {
      return SharedTables.key(share.name())
          + "/"
          + SharedTables.key(schema.name())
          + "/"
          + SharedTables.key(table.name());
    }
  }

  private final Engine engine;
  private final SnapshotCache cache;
  private final Map<String, SharingConfig.Share> shares = new LinkedHashMap<>();
  private final Map<String, Ref> tables = new LinkedHashMap<>();

  /**
   * @param config what is shared
   * @param engine the engine tables are read with; the caller keeps and closes it
   */
  public SharedTables(SharingConfig config, Engine engine) {
    this.engine = requireNonNull(engine, "engine is null");
    this.cache = SnapshotCache.create(config.getSnapshotCacheEntries(), 512L << 20);
    for (SharingConfig.Share s : config.getShares()) {
      shares.put(key(s.name()), s);
      for (SharingConfig.Schema sc : s.schemas()) {
        for (SharingConfig.Table t : sc.tables()) {
          Ref r = new Ref(s, sc, t);
          tables.put(r.key(), r);
        }
      }
    }
  }

  /**
   * @return the engine tables are read with
   */
  public Engine engine() {
    return engine;
  }

  /**
   * @return every configured share, in configuration order
   */
  public List<SharingConfig.Share> shares() {
    return List.copyOf(shares.values());
  }

  /**
   * @return the share of that name
   */
  public Optional<SharingConfig.Share> share(String name) {
    return Optional.ofNullable(shares.get(key(name)));
  }

  /**
   * @return the schema of that name in the share
   */
  public static Optional<SharingConfig.Schema> schema(SharingConfig.Share share, String name) {
    return share.schemas().stream().filter(s -> key(s.name()).equals(key(name))).findFirst();
  }

  /**
   * @return the table reached by those names
   */
  public Optional<Ref> table(String share, String schema, String table) {
    return Optional.ofNullable(tables.get(key(share) + "/" + key(schema) + "/" + key(table)));
  }

  /**
   * @return the table of a {@link Ref#key()}
   */
  public Optional<Ref> byKey(String key) {
    return Optional.ofNullable(tables.get(key));
  }

  /**
   * @return the table's latest snapshot (cached, refreshed)
   * @throws SharingException if the table cannot be read, with Keel's reason, the storage path
   *     replaced by the table's shared name
   */
  public Snapshot latest(Ref ref) {
    try {
      return cache.getLatestSnapshot(engine, ref.table().location());
    } catch (KernelException e) {
      throw translate(ref, e);
    }
  }

  /**
   * @return the snapshot at a version, which must not be older than the table's shared history
   */
  public Snapshot atVersion(Ref ref, long version) {
    checkHistory(ref, version);
    try {
      return Table.forPath(engine, ref.table().location()).getSnapshotAsOfVersion(engine, version);
    } catch (KernelException e) {
      throw translate(ref, e);
    }
  }

  /**
   * @return the snapshot as of a time (the last commit at or before it)
   */
  public Snapshot atTimestamp(Ref ref, long timestampMillis) {
    Snapshot s;
    try {
      s =
          Table.forPath(engine, ref.table().location())
              .getSnapshotAsOfTimestamp(engine, timestampMillis);
    } catch (KernelException e) {
      throw translate(ref, e);
    }
    checkHistory(ref, s.getVersion());
    return s;
  }

  /**
   * @return the first version committed at or after a time
   */
  public long versionAtOrAfter(Ref ref, long timestampMillis) {
    try {
      return Table.forPath(engine, ref.table().location())
          .getVersionAtOrAfter(engine, timestampMillis);
    } catch (KernelException e) {
      throw translate(ref, e);
    }
  }

  /**
   * @return the table, for reading its commits
   */
  public Table table(Ref ref) {
    return Table.forPath(engine, ref.table().location());
  }

  /**
   * Refuses versions before the table's {@code startVersion}.
   *
   * @throws SharingException (400)
   */
  public static void checkHistory(Ref ref, long version) {
    if (version < ref.table().startVersion()) {
      throw SharingException.badRequest(
          "The table `"
              + ref.displayName()
              + "` shares its history from version "
              + ref.table().startVersion()
              + " on; version "
              + version
              + " is not shared.");
    }
  }

  /**
   * Keel's error as the recipient sees it: a table that is gone is not found, a version or time
   * outside the history is a bad parameter, anything else is the server's; the storage path never
   * shows.
   */
  public static SharingException translate(Ref ref, KernelException e) {
    if (e instanceof SharingException s) {
      return s;
    }
    String message = redact(ref, e.getMessage());
    if (e instanceof TableNotFoundException) {
      return SharingException.notFound(
          "The table `" + ref.displayName() + "` holds no Delta table now; ask its provider.");
    }
    if (e instanceof VersionNotFoundException
        || e instanceof dev.keel.kernel.exceptions.ChangeDataNotAvailableException) {
      return SharingException.badRequest(message);
    }
    return new SharingException(500, "INTERNAL_ERROR", message);
  }

  /** Replaces the table's storage location in a message with its shared name. */
  public static String redact(Ref ref, String message) {
    if (message == null) {
      return "The table `" + ref.displayName() + "` cannot be read.";
    }
    String location = ref.table().location();
    String shared = "`" + ref.displayName() + "`";
    String out = message.replace("`" + location + "`", shared).replace(location, ref.displayName());
    if (location.startsWith("file:")) {
      String plain = location.substring("file:".length());
      out = out.replace("file://" + plain, ref.displayName()).replace(plain, ref.displayName());
    }
    return out;
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
