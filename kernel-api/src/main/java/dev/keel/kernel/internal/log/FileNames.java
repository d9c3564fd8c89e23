package dev.keel.kernel.internal.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the files in {@code _delta_log} (PROTOCOL.md, "Delta Log Entries", "Checkpoints",
 * "Log Compaction Files", "Version Checksum File").
 */
public final class FileNames {
  private FileNames() {}

  public static final String LOG_DIR = "_delta_log";
  public static final String LAST_CHECKPOINT = "_last_checkpoint";
  public static final String SIDECAR_DIR = "_sidecars";

  private static final Pattern DELTA = Pattern.compile("(\\d{20})\\.json");
  private static final Pattern CHECKSUM = Pattern.compile("(\\d{20})\\.crc");
  private static final Pattern CLASSIC_CHECKPOINT =
      Pattern.compile("(\\d{20})\\.checkpoint\\.parquet");
  private static final Pattern MULTIPART_CHECKPOINT =
      Pattern.compile("(\\d{20})\\.checkpoint\\.(\\d{10})\\.(\\d{10})\\.parquet");
  private static final Pattern V2_CHECKPOINT =
      Pattern.compile("(\\d{20})\\.checkpoint\\.[0-9a-fA-F-]{36}\\.(json|parquet)");
  private static final Pattern COMPACTION =
      Pattern.compile("(\\d{20})\\.(\\d{20})\\.compacted\\.json");

  /** The kinds of log file. */
  public enum Kind {
    DELTA,
    CHECKSUM,
    CLASSIC_CHECKPOINT,
    MULTIPART_CHECKPOINT,
    V2_CHECKPOINT,
    COMPACTION,
    OTHER
  }

  /** A parsed log file name. */
  public static final class Parsed {
    public final Kind kind;
    public final long version; // the end version for compactions
    public final long startVersion; // compactions only
    public final int part;
    public final int numParts;

    Parsed(Kind kind, long version, long startVersion, int part, int numParts) {
      this.kind = kind;
      this.version = version;
      this.startVersion = startVersion;
      this.part = part;
      this.numParts = numParts;
    }
  }

  private static final Parsed OTHER = new Parsed(Kind.OTHER, -1, -1, 0, 0);

  public static Parsed parse(String name) {
    // Commit and checksum files, most of any log, without a regular expression.
    if (name.length() == 25 && name.endsWith(".json") && digits20(name)) {
      return new Parsed(Kind.DELTA, Long.parseLong(name, 0, 20, 10), -1, 0, 0);
    }
    if (name.length() == 24 && name.endsWith(".crc") && digits20(name)) {
      return new Parsed(Kind.CHECKSUM, Long.parseLong(name, 0, 20, 10), -1, 0, 0);
    }
    Matcher m;
    if ((m = DELTA.matcher(name)).matches()) {
      return new Parsed(Kind.DELTA, Long.parseLong(m.group(1)), -1, 0, 0);
    }
    if ((m = CLASSIC_CHECKPOINT.matcher(name)).matches()) {
      return new Parsed(Kind.CLASSIC_CHECKPOINT, Long.parseLong(m.group(1)), -1, 1, 1);
    }
    if ((m = MULTIPART_CHECKPOINT.matcher(name)).matches()) {
      return new Parsed(
          Kind.MULTIPART_CHECKPOINT,
          Long.parseLong(m.group(1)),
          -1,
          Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)));
    }
    if ((m = V2_CHECKPOINT.matcher(name)).matches()) {
      return new Parsed(Kind.V2_CHECKPOINT, Long.parseLong(m.group(1)), -1, 1, 1);
    }
    if ((m = CHECKSUM.matcher(name)).matches()) {
      return new Parsed(Kind.CHECKSUM, Long.parseLong(m.group(1)), -1, 0, 0);
    }
    if ((m = COMPACTION.matcher(name)).matches()) {
      return new Parsed(
          Kind.COMPACTION, Long.parseLong(m.group(2)), Long.parseLong(m.group(1)), 0, 0);
    }
    return OTHER;
  }

  private static boolean digits20(String name) {
    for (int i = 0; i < 20; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  public static String version(long v) {
    return String.format("%020d", v);
  }

  public static String logDir(String tablePath) {
    return tablePath + "/" + LOG_DIR;
  }

  public static String deltaFile(String logDir, long v) {
    return logDir + "/" + version(v) + ".json";
  }

  public static String checksumFile(String logDir, long v) {
    return logDir + "/" + version(v) + ".crc";
  }

  /**
   * A path in the log directory from which {@code listFrom} lists every file of version {@code v}
   * and later.
   */
  public static String listingPrefix(String logDir, long v) {
    return logDir + "/" + version(v);
  }

  public static String fileName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
