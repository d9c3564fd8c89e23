package dev.keel.connectors.sharing.read;

import static java.util.Objects.requireNonNull;

import dev.keel.connectors.sharing.http.SharingException;
import dev.keel.connectors.sharing.read.Capabilities.Format;
import dev.keel.connectors.sharing.read.SharedTables.Ref;
import dev.keel.kernel.ScanBuilder;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The table endpoints' answers: the version, the metadata, the files of a snapshot (query), the
 * data change files since a version (query with {@code startingVersion}) and the change data feed
 * (changes). Each is prepared first (parameters checked, snapshot loaded, format chosen: any error
 * here becomes the response's status) and then written as NDJSON lines.
 */
public final class TableQueries {
  /** An answer ready to be written: the headers it needs, then its lines. */
  public interface Prepared {
    /**
     * @return the {@code Delta-Table-Version} header
     */
    long tableVersion();

    /**
     * @return the response format
     */
    Format format();

    /**
     * @return the root of the table the answer was read from, as its snapshot names it
     */
    String tablePath();

    /**
     * Writes the lines.
     *
     * @param out the response body; not closed here
     * @param urls file URLs of this response
     * @param endStream whether to end with an {@code endStreamAction} line, which also carries an
     *     error that happens after the first line
     * @throws IOException if the client went away
     * @throws SharingException if reading the table fails midway and there is no end line to say so
     */
    void write(OutputStream out, FileUrls urls, boolean endStream) throws IOException;
  }

  /** The body of a query request (PROTOCOL.md, "Request Body"). */
  public record QueryRequest(
      Optional<String> jsonPredicateHints,
      Optional<Long> limitHint,
      Optional<Long> version,
      Optional<String> timestamp,
      Optional<Long> startingVersion,
      Optional<Long> endingVersion,
      boolean includeHistoricalProtocol) {}

  /** The parameters of a changes request. */
  public record ChangesRequest(
      Optional<Long> startingVersion,
      Optional<String> startingTimestamp,
      Optional<Long> endingVersion,
      Optional<String> endingTimestamp,
      boolean includeHistoricalMetadata,
      boolean includeHistoricalProtocol) {}

  private final SharedTables tables;
  private final ZoneId zone;

  /**
   * @param tables the shared tables
   * @param zone the zone of request timestamps without an offset
   */
  public TableQueries(SharedTables tables, ZoneId zone) {
    this.tables = requireNonNull(tables, "tables is null");
    this.zone = requireNonNull(zone, "zone is null");
  }

  /**
   * @param startingTimestamp the time whose first version at or after it is wanted, if any
   * @return the latest version, or the first at or after the time
   */
  public long version(Ref ref, Optional<String> startingTimestamp) {
    if (startingTimestamp.isEmpty()) {
      return tables.latest(ref).getVersion();
    }
    requireHistory(ref, "startingTimestamp");
    long v =
        tables.versionAtOrAfter(
            ref, Timestamps.parse("startingTimestamp", startingTimestamp.get(), zone));
    SharedTables.checkHistory(ref, v);
    return v;
  }

  /** The metadata endpoint: the protocol and metadata lines of the latest snapshot. */
  public Prepared metadata(Ref ref, Capabilities caps) {
    Snapshot s = tables.latest(ref);
    return prepared(
        ref,
        s,
        s.getVersion(),
        caps,
        (lines) -> {
          header(lines, s, null);
          return null;
        });
  }

  /** The query endpoint. */
  public Prepared query(Ref ref, QueryRequest q, Capabilities caps) {
    int given =
        (q.version().isPresent() ? 1 : 0)
            + (q.timestamp().isPresent() ? 1 : 0)
            + (q.startingVersion().isPresent() ? 1 : 0);
    if (given > 1) {
      throw SharingException.badRequest(
          "Please only provide one of: version, timestamp, startingVersion.");
    }
    if (q.endingVersion().isPresent() && q.startingVersion().isEmpty()) {
      throw SharingException.badRequest("endingVersion needs startingVersion.");
    }
    if (q.limitHint().isPresent() && q.limitHint().get() < 0) {
      throw SharingException.badRequest("limitHint must not be negative.");
    }
    if (q.version().isPresent()) {
      requireHistory(ref, "version");
      Snapshot s = tables.atVersion(ref, q.version().get());
      return snapshotFiles(ref, s, q, caps, true);
    }
    if (q.timestamp().isPresent()) {
      requireHistory(ref, "timestamp");
      Snapshot s =
          tables.atTimestamp(ref, Timestamps.parse("timestamp", q.timestamp().get(), zone));
      return snapshotFiles(ref, s, q, caps, true);
    }
    if (q.startingVersion().isPresent()) {
      requireHistory(ref, "startingVersion");
      long start = q.startingVersion().get();
      Snapshot latest = tables.latest(ref);
      long end = q.endingVersion().orElse(latest.getVersion());
      Snapshot endSnapshot = checkRange(ref, latest, start, end);
      return commitRange(
          ref,
          endSnapshot,
          start,
          end,
          caps,
          start,
          false,
          new CommitFiles.History(true, q.includeHistoricalProtocol()));
    }
    return snapshotFiles(ref, tables.latest(ref), q, caps, false);
  }

  /** The changes endpoint: the change data feed's files, version by version. */
  public Prepared changes(Ref ref, ChangesRequest r, Capabilities caps) {
    requireHistory(ref, "changes");
    if (r.startingVersion().isPresent() == r.startingTimestamp().isPresent()) {
      throw SharingException.badRequest(
          "Give exactly one of startingVersion and startingTimestamp.");
    }
    if (r.endingVersion().isPresent() && r.endingTimestamp().isPresent()) {
      throw SharingException.badRequest("Give at most one of endingVersion and endingTimestamp.");
    }
    Snapshot latest = tables.latest(ref);
    long start =
        r.startingVersion()
            .orElseGet(
                () ->
                    tables.versionAtOrAfter(
                        ref,
                        Timestamps.parse("startingTimestamp", r.startingTimestamp().get(), zone)));
    long end =
        r.endingVersion()
            .orElseGet(
                () ->
                    r.endingTimestamp()
                        .map(
                            t ->
                                tables
                                    .atTimestamp(ref, Timestamps.parse("endingTimestamp", t, zone))
                                    .getVersion())
                        .orElse(latest.getVersion()));
    Snapshot endSnapshot = checkRange(ref, latest, start, end);
    try {
      tables.table(ref).getChanges().fromVersion(start).toVersion(end).build(tables.engine());
    } catch (KernelException e) {
      throw SharedTables.translate(ref, e);
    }
    return commitRange(
        ref,
        endSnapshot,
        start,
        end,
        caps,
        null,
        true,
        new CommitFiles.History(r.includeHistoricalMetadata(), r.includeHistoricalProtocol()));
  }

  /**
   * The answer of a commit range: the end snapshot's protocol and metadata (naming {@code
   * headerVersion}, if given), then the file lines of each commit.
   */
  private Prepared commitRange(
      Ref ref,
      Snapshot endSnapshot,
      long start,
      long end,
      Capabilities caps,
      Long headerVersion,
      boolean changeData,
      CommitFiles.History history) {
    return prepared(
        ref,
        endSnapshot,
        start,
        caps,
        lines -> {
          header(lines, endSnapshot, headerVersion);
          CommitFiles.write(
              tables, ref, endSnapshot.getTablePath(), lines, start, end, changeData, history);
          return null;
        });
  }

  private Snapshot checkRange(Ref ref, Snapshot latest, long start, long end) {
    SharedTables.checkHistory(ref, start);
    if (start < 0 || end < start) {
      throw SharingException.badRequest(
          "The versions "
              + start
              + " to "
              + end
              + " are not a range: the start must not be after the end.");
    }
    if (end > latest.getVersion()) {
      throw SharingException.badRequest(
          "The version "
              + end
              + " of `"
              + ref.displayName()
              + "` does not exist yet; the latest is "
              + latest.getVersion()
              + ".");
    }
    return end == latest.getVersion() ? latest : tables.atVersion(ref, end);
  }

  private Prepared snapshotFiles(
      Ref ref, Snapshot s, QueryRequest q, Capabilities caps, boolean timeTravel) {
    Optional<Predicate> filter =
        q.jsonPredicateHints().flatMap(h -> JsonPredicateHints.toPredicate(h, s.getSchema()));
    Long version = timeTravel ? s.getVersion() : null;
    Long timestamp = timeTravel ? s.getTimestamp() : null;
    return prepared(
        ref,
        s,
        s.getVersion(),
        caps,
        lines -> {
          header(lines, s, version);
          ScanBuilder b = s.getScanBuilder().withFileStatistics(true);
          if (filter.isPresent()) {
            b = b.withFilter(filter.get());
          }
          // a limit is applied only where no filter narrowed the files: a filtered file's rows
          // may not all match, and the client must still get enough matching rows
          long remaining = filter.isEmpty() ? q.limitHint().orElse(Long.MAX_VALUE) : Long.MAX_VALUE;
          try (CloseableIterator<FilteredColumnarBatch> batches =
              b.build().getScanFiles(tables.engine())) {
            while (batches.hasNext() && remaining > 0) {
              try (FilteredColumnarBatch batch = batches.next();
                  CloseableIterator<Row> rows = batch.getRows()) {
                while (rows.hasNext() && remaining > 0) {
                  FileAction f =
                      FileAction.of(
                          FileAction.Kind.ADD,
                          rows.next(),
                          s.getTablePath(),
                          ScanFile.SCHEMA,
                          version,
                          timestamp);
                  lines.file(f, false);
                  long n = f.numRecordsOr(-1);
                  // a file without a row count ends the limit: the rest is returned
                  remaining = n < 0 ? Long.MAX_VALUE : remaining - n;
                }
              }
            }
          }
          return null;
        });
  }

  private void header(ResponseLines lines, Snapshot s, Long version) throws IOException {
    lines.protocol(s.getProtocol());
    lines.metadata(
        s.getMetadata(), version, s.getTableSizeBytes().orElse(null), s.getNumFiles().orElse(null));
  }

  private static void requireHistory(Ref ref, String what) {
    if (!ref.table().historyShared()) {
      throw SharingException.badRequest(
          "The table `"
              + ref.displayName()
              + "` is shared without its history, so "
              + what
              + " cannot be used; its provider can set historyShared: true.");
    }
  }

  /** Writes lines; what fails after the first line goes into the end line when there is one. */
  private interface Body {
    Void write(ResponseLines lines) throws IOException;
  }

  /** An answer from a snapshot, in the format the client and the snapshot's table allow. */
  private static Prepared prepared(
      Ref ref, Snapshot snapshot, long version, Capabilities caps, Body body) {
    Format format =
        caps.choose(
            snapshot.getProtocol().getReaderFeatures(),
            snapshot.getProperties(),
            ref.displayName());
    String tablePath = snapshot.getTablePath();
    return new Prepared() {
      @Override
      public long tableVersion() {
        return version;
      }

      @Override
      public Format format() {
        return format;
      }

      @Override
      public String tablePath() {
        return tablePath;
      }

      @Override
      public void write(OutputStream out, FileUrls urls, boolean endStream) throws IOException {
        ResponseLines lines = new ResponseLines(out, format, urls);
        try {
          body.write(lines);
        } catch (KernelException e) {
          SharingException failure = SharedTables.translate(ref, e);
          if (!endStream) {
            throw failure;
          }
          lines.endStream(failure.getMessage());
          lines.flush();
          return;
        }
        if (endStream) {
          lines.endStream(null);
        }
        lines.flush();
      }
    };
  }
}
