package dev.keel.connectors.sharing.read;

import dev.keel.connectors.sharing.http.SharingException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a client declares in its {@code delta-sharing-capabilities} header ({@code
 * responseformat=delta,parquet;readerfeatures=deletionvectors,columnmapping;includeendstreamaction=true})
 * and the response format chosen from it for a table.
 *
 * <p>The {@code parquet} format (the default, for clients that send no header) hands out plain data
 * files; it is used whenever the client accepts it and the table's files read correctly without the
 * log: no deletion vectors and no column mapping. Otherwise the {@code delta} format hands out the
 * log's own actions, and the client must declare every reader feature that changes how the files
 * are read.
 */
public final class Capabilities {
  /** The response formats. */
  public enum Format {
    /** The protocol's original lines: {@code file}, {@code add}, {@code cdf}, {@code remove}. */
    PARQUET,
    /** The log's own actions wrapped in {@code deltaSingleAction}. */
    DELTA
  }

  /** Reader features that only concern reading the log, which the server does for the client. */
  private static final Set<String> LOG_ONLY_FEATURES =
      Set.of("v2checkpoint", "vacuumprotocolcheck", "checkpointprotection", "catalogmanaged");

  private final Set<String> formats;
  private final Set<String> declaredFeatures;
  private final boolean includeEndStreamAction;

  private Capabilities(Set<String> formats, Set<String> readerFeatures, boolean endStream) {
    this.formats = formats;
    this.declaredFeatures = readerFeatures;
    this.includeEndStreamAction = endStream;
  }

  /**
   * @param header the header's value, or null
   * @return the declared capabilities (an absent header accepts the {@code parquet} format only)
   */
  public static Capabilities parse(String header) {
    Set<String> formats = new LinkedHashSet<>();
    Set<String> features = new LinkedHashSet<>();
    boolean endStream = false;
    if (header != null) {
      for (String part : header.split(";")) {
        int eq = part.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        for (String v : part.substring(eq + 1).split(",")) {
          String value = v.trim().toLowerCase(Locale.ROOT);
          if (value.isEmpty()) {
            continue;
          }
          switch (key) {
            case "responseformat" -> formats.add(value);
            case "readerfeatures" -> features.add(value);
            case "includeendstreamaction" -> endStream = value.equals("true");
            default -> {}
          }
        }
      }
    }
    if (formats.isEmpty()) {
      formats.add("parquet");
    }
    return new Capabilities(formats, features, endStream);
  }

  /**
   * @return whether the client asked for an {@code endStreamAction} line at the end
   */
  public boolean includeEndStreamAction() {
    return includeEndStreamAction;
  }

  /**
   * Chooses the response format for a table.
   *
   * @param readerFeatures the reader features of the table's protocol
   * @param configuration the table's properties
   * @param tableName how to name the table in the message
   * @return the format to answer in
   * @throws SharingException (400) if the client accepts neither format the table can be shared in,
   *     or lacks a reader feature the table uses
   */
  public Format choose(
      Set<String> readerFeatures, Map<String, String> configuration, String tableName) {
    boolean needsDelta = needsDeltaFormat(readerFeatures, configuration);
    if (!needsDelta && formats.contains("parquet")) {
      return Format.PARQUET;
    }
    if (!formats.contains("delta")) {
      if (!formats.contains("parquet")) {
        throw SharingException.badRequest(
            "The response formats "
                + formats
                + " are not supported: ask for responseformat=parquet or responseformat=delta in"
                + " the delta-sharing-capabilities header.");
      }
      throw SharingException.badRequest(
          "The table `"
              + tableName
              + "` uses deletion vectors or column mapping, so its files cannot be read without"
              + " its log: ask for responseformat=delta in the delta-sharing-capabilities header"
              + " (a client of delta-sharing 1.1 or later).");
    }
    Set<String> missing = new LinkedHashSet<>();
    for (String f : readerFeatures) {
      String feature = f.toLowerCase(Locale.ROOT);
      if (!LOG_ONLY_FEATURES.contains(feature) && !declaredFeatures.contains(feature)) {
        missing.add(f);
      }
    }
    if (!missing.isEmpty()) {
      throw SharingException.badRequest(
          "The table `"
              + tableName
              + "` needs the reader features "
              + missing
              + ", which the client did not declare (readerfeatures= in the"
              + " delta-sharing-capabilities header): upgrade the client.");
    }
    return Format.DELTA;
  }

  /** Whether a table's files read wrongly without its log (deletion vectors, column mapping). */
  public static boolean needsDeltaFormat(
      Set<String> readerFeatures, Map<String, String> configuration) {
    String mode = configuration.getOrDefault("delta.columnMapping.mode", "none");
    return readerFeatures.contains("deletionVectors") || !mode.equalsIgnoreCase("none");
  }
}
