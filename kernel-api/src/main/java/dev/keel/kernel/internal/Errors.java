package dev.keel.kernel.internal;

import dev.keel.kernel.exceptions.ConcurrentWriteException;
import dev.keel.kernel.exceptions.EngineException;
import dev.keel.kernel.exceptions.InvalidExpressionException;
import dev.keel.kernel.exceptions.InvalidSchemaException;
import dev.keel.kernel.exceptions.InvalidTableException;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.exceptions.TableNotFoundException;
import dev.keel.kernel.exceptions.UnsupportedProtocolException;
import dev.keel.kernel.exceptions.UnsupportedTypeException;
import dev.keel.kernel.exceptions.VersionNotFoundException;
import dev.keel.kernel.types.DataType;

/**
 * Builds every user-facing error of Keel (kernel and default engine), so messages stay consistent:
 * what failed, why, and what to do.
 */
public final class Errors {
  private Errors() {}

  /**
   * Wraps an engine failure once with the operation and path. A {@link KernelException} passes
   * through unchanged, so wrapping twice never happens.
   */
  public static KernelException engineFailure(String operation, String path, Throwable cause) {
    if (cause instanceof KernelException) {
      return (KernelException) cause;
    }
    String detail =
        cause.getMessage() == null
            ? cause.getClass().getSimpleName()
            : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return new EngineException("Failed to " + operation + " `" + path + "`: " + detail, cause);
  }

  /** A handler's result names a file it was not asked to read. */
  public static KernelException unknownResultPath(String handler, String path, String firstAsked) {
    return new EngineException(
        "The "
            + handler
            + " returned a batch for `"
            + path
            + "`, which is none of the files it was asked to read (the first was `"
            + firstAsked
            + "`). A handler must give each result the path of the file it was read from.");
  }

  public static TableNotFoundException tableNotFound(String tablePath, String why) {
    return new TableNotFoundException(
        "No Delta table at `"
            + tablePath
            + "`: "
            + why
            + ". Check the path; a Delta table is a directory with a _delta_log directory holding commit files.");
  }

  public static PathAlreadyExistsException pathAlreadyExists(String path) {
    return new PathAlreadyExistsException(
        "Cannot create `"
            + path
            + "`: the file already exists. Another writer created it first; "
            + "re-read the table and retry.");
  }

  public static MalformedDataException malformedJson(
      String file, long line, String detail, Throwable cause) {
    return new MalformedDataException(
        "Malformed JSON in `"
            + file
            + "` at line "
            + line
            + ": "
            + detail
            + ". The file is corrupt or was not written by a Delta writer.",
        cause);
  }

  public static MalformedDataException malformedJsonValue(String detail, Throwable cause) {
    return new MalformedDataException("Malformed JSON value: " + detail + ".", cause);
  }

  public static MalformedDataException malformedParquet(
      String file, String detail, Throwable cause) {
    return new MalformedDataException(
        "Cannot read Parquet file `" + file + "`: " + detail + ".", cause);
  }

  public static UnsupportedTypeException unsupportedConversion(
      String file, String column, String physical, DataType requested) {
    return new UnsupportedTypeException(
        "Cannot read column `"
            + column
            + "` of `"
            + file
            + "`: its Parquet type "
            + physical
            + " cannot be read as "
            + requested
            + ". The table's schema and the file disagree.");
  }

  public static MalformedDataException missingRequiredColumn(String file, String column) {
    return new MalformedDataException(
        "Cannot read `"
            + file
            + "`: the non-nullable column `"
            + column
            + "` is missing from the file. The file does not match the table's schema.");
  }

  // ---- schemas and types ----

  public static InvalidSchemaException duplicateFieldName(String name, String struct) {
    return new InvalidSchemaException(
        "Duplicate field name `"
            + name
            + "` in struct "
            + struct
            + ": field names must be unique.");
  }

  public static InvalidSchemaException invalidDecimal(int precision, int scale, int maxPrecision) {
    return new InvalidSchemaException(
        "Invalid decimal type decimal("
            + precision
            + ","
            + scale
            + "): precision must be 1 to "
            + maxPrecision
            + " and scale 0 to the precision.");
  }

  /** A schema string that cannot be parsed at all. */
  public static InvalidSchemaException invalidSchemaJson(String what, Throwable cause) {
    return new InvalidSchemaException("Invalid schema JSON: " + what, cause);
  }

  /** A schema string whose structure is wrong at {@code path}. */
  public static InvalidSchemaException invalidSchemaAt(String path, String what) {
    return new InvalidSchemaException("Invalid schema JSON at `" + path + "`: " + what + ".");
  }

  public static UnsupportedTypeException unknownType(String name, String column, String supported) {
    return new UnsupportedTypeException(
        "Unsupported data type `"
            + name
            + "` for column `"
            + column
            + "`: Keel does not know this type. Supported types: "
            + supported
            + ".");
  }

  public static UnsupportedTypeException jsonCannotRead(String field, DataType type) {
    return new UnsupportedTypeException(
        "The default JSON handler cannot read field `"
            + field
            + "` of type "
            + type
            + " from JSON.");
  }

  public static UnsupportedTypeException jsonMapKeys(String field, DataType keyType) {
    return new UnsupportedTypeException(
        "The default JSON handler reads maps with string keys only; field `"
            + field
            + "` has key type "
            + keyType
            + ".");
  }

  public static UnsupportedTypeException jsonCannotWrite(DataType type) {
    return new UnsupportedTypeException(
        "The default JSON handler cannot write type " + type + " to JSON.");
  }

  public static UnsupportedTypeException parquetCannotWrite(String column, DataType type) {
    return new UnsupportedTypeException(
        "Cannot write column `" + column + "` of type " + type + " to Parquet.");
  }

  public static UnsupportedTypeException arrowCannotRepresent(DataType type) {
    return new UnsupportedTypeException(
        "The default engine cannot represent type " + type + " in Arrow.");
  }

  public static UnsupportedTypeException shreddedVariant(String column, String file) {
    return new UnsupportedTypeException(
        "Cannot read variant column `"
            + column
            + "` of `"
            + file
            + "`: shredded variants (typed_value) nested inside structs, arrays or maps are not supported by the default engine yet "
            + "(top-level shredded variant columns are).");
  }

  // ---- expressions ----

  /** An expression the evaluator cannot evaluate; {@code why} ends without a period. */
  public static InvalidExpressionException cannotEvaluate(Object expression, String why) {
    return new InvalidExpressionException("Cannot evaluate `" + expression + "`: " + why + ".");
  }

  public static InvalidExpressionException unknownColumn(Object column, Object schema) {
    return new InvalidExpressionException(
        "Cannot evaluate column `"
            + column
            + "`: no such column in "
            + schema
            + ". Column names are matched exactly, nested fields with a path of names.");
  }

  public static InvalidExpressionException wrongResultType(
      Object expression, DataType wanted, DataType actual) {
    return new InvalidExpressionException(
        "Cannot evaluate `" + expression + "` as " + wanted + ": it has type " + actual + ".");
  }

  public static InvalidExpressionException unknownStatsColumn(Object column, Object schema) {
    return new InvalidExpressionException(
        "Cannot collect statistics for column `"
            + column
            + "`: it is not a column of "
            + schema
            + ".");
  }

  // ---- log and snapshots ----

  public static VersionNotFoundException versionAfterLatest(
      String table, long version, long earliest, long latest) {
    return new VersionNotFoundException(
        "Cannot load version "
            + version
            + " of `"
            + table
            + "`: the latest version is "
            + latest
            + ". Versions "
            + earliest
            + " to "
            + latest
            + " can be loaded.");
  }

  public static VersionNotFoundException versionBeforeEarliest(
      String table, long version, long earliest, long latest) {
    return new VersionNotFoundException(
        "Cannot load version "
            + version
            + " of `"
            + table
            + "`: its commits were removed from the log (metadata cleanup) and no checkpoint covers it. Versions "
            + earliest
            + " to "
            + latest
            + " can be loaded.");
  }

  public static InvalidTableException nonContiguousLog(
      String table, long checkpointVersion, java.util.List<Long> missing) {
    return new InvalidTableException(
        "Cannot load `"
            + table
            + "`: the log is missing the commit file(s) for version(s) "
            + missing
            + (checkpointVersion >= 0
                ? " after the checkpoint at version " + checkpointVersion
                : "")
            + ". Commits must be contiguous; the table is corrupted or was partially copied.");
  }

  public static InvalidTableException checkpointWithoutItsCommit(String table, long version) {
    return new InvalidTableException(
        "Cannot load `"
            + table
            + "`: the commit of version "
            + version
            + " is missing; its checkpoint is there, but no commit follows it. A checkpoint is"
            + " written after its commit, so the log was cut short (partially copied, or its"
            + " newest files deleted); restore the commit file.");
  }

  /**
   * @param size the size the add action gives, or null where it gives none
   */
  public static InvalidTableException invalidFileSize(String logFile, String dataFile, Long size) {
    return new InvalidTableException(
        "Cannot read the log file `"
            + logFile
            + "`: its add action for the data file `"
            + dataFile
            + (size == null
                ? "` has no size, which the protocol requires"
                : "` gives the size " + size + ", and a size cannot be negative")
            + ". The log is corrupt.");
  }

  /**
   * @param value what the action gives for the version, or null where it gives none
   */
  public static InvalidTableException invalidProtocolVersion(
      String logFile, String field, Object value) {
    return new InvalidTableException(
        "Cannot read the log file `"
            + logFile
            + "`: its protocol action "
            + (value == null
                ? "has no " + field + ", which the protocol requires"
                : "gives " + field + " as `" + value + "`, which is not a version")
            + ". The log is corrupt.");
  }

  public static InvalidTableException negativeFileSize(String table, String dataFile, long size) {
    return new InvalidTableException(
        "Cannot read `"
            + table
            + "`: the log gives the data file `"
            + dataFile
            + "` the size "
            + size
            + ". A size cannot be negative; the log is corrupt.");
  }

  public static InvalidTableException missingProtocolOrMetadata(
      String table, long version, boolean protocol, boolean metadata) {
    String what =
        protocol && metadata
            ? "protocol and metaData actions"
            : protocol ? "protocol action" : "metaData action";
    return new InvalidTableException(
        "Cannot load version "
            + version
            + " of `"
            + table
            + "`: the log has no "
            + what
            + ". Every Delta table needs both; the table is corrupted.");
  }

  public static InvalidTableException missingSchema(String table, long version) {
    return new InvalidTableException(
        "Cannot load version "
            + version
            + " of `"
            + table
            + "`: its metaData action has no schemaString. The table is corrupted or was written by a broken writer.");
  }

  public static InvalidTableException invalidPath(String table, String path, Throwable cause) {
    return new InvalidTableException(
        "Cannot load `"
            + table
            + "`: the log names the data file `"
            + path
            + "`, which is not a valid URI ("
            + cause.getMessage()
            + "). Paths in the log must be URL-encoded.",
        cause);
  }

  public static InvalidTableException pathOutsideTable(String table, String path) {
    return new InvalidTableException(
        "Cannot load `"
            + table
            + "`: the log names the data file `"
            + path
            + "`, a relative path that leads out of the table's directory. Relative paths in the"
            + " log stay under the table; a file elsewhere must be named by its absolute URI.");
  }

  public static InvalidTableException missingSidecar(String table, String sidecar) {
    return new InvalidTableException(
        "Cannot load `"
            + table
            + "`: the V2 checkpoint references the sidecar file `"
            + sidecar
            + "`, which does not exist. The checkpoint is incomplete; restore the file or delete the checkpoint.");
  }

  public static UnsupportedProtocolException unsupportedReaderVersion(
      String table, int version, int maxSupported) {
    return new UnsupportedProtocolException(
        "Cannot read `"
            + table
            + "`: it requires reader version "
            + version
            + " and Keel supports reader versions 1 to "
            + maxSupported
            + ". Upgrade Keel or read the table with a newer reader.");
  }

  public static UnsupportedProtocolException unsupportedReaderFeatures(
      String table,
      java.util.Collection<String> unsupported,
      java.util.Collection<String> supported) {
    return new UnsupportedProtocolException(
        "Cannot read `"
            + table
            + "`: reader feature(s) "
            + unsupported
            + " are not supported by Keel 0.1. Supported reader features: "
            + supported
            + ".");
  }

  public static VersionNotFoundException timestampBeforeFirstCommit(
      String table, long timestamp, long firstTimestamp, long firstVersion) {
    return new VersionNotFoundException(
        "Cannot load `"
            + table
            + "` as of "
            + java.time.Instant.ofEpochMilli(timestamp)
            + ": it is before the earliest available commit (version "
            + firstVersion
            + " at "
            + java.time.Instant.ofEpochMilli(firstTimestamp)
            + "). Use a later time.");
  }

  public static VersionNotFoundException timestampAfterLatestCommit(
      String table, long timestamp, long latestTimestamp, long latestVersion) {
    return new VersionNotFoundException(
        "Cannot load `"
            + table
            + "` as of "
            + java.time.Instant.ofEpochMilli(timestamp)
            + ": it is after the latest commit (version "
            + latestVersion
            + " at "
            + java.time.Instant.ofEpochMilli(latestTimestamp)
            + "). Use the latest snapshot, or an earlier time.");
  }

  public static VersionNotFoundException negativeVersion(String table, long version) {
    return new VersionNotFoundException(
        "Cannot load version " + version + " of `" + table + "`: versions start at 0.");
  }

  public static VersionNotFoundException historyOutOfRange(
      String table, long from, long to, long earliest, long latest) {
    return new VersionNotFoundException(
        "Cannot read the history of `"
            + table
            + "` from version "
            + from
            + " to "
            + to
            + ": the log has commits "
            + earliest
            + " to "
            + latest
            + ".");
  }

  // ---- scans ----

  public static InvalidTableException invalidDeletionVector(
      String dataFile, String source, Throwable cause) {
    if (cause instanceof KernelException) {
      return cause instanceof InvalidTableException
          ? (InvalidTableException) cause
          : new InvalidTableException(cause.getMessage(), cause);
    }
    return new InvalidTableException(
        "Cannot apply the deletion vector of `"
            + dataFile
            + "` stored "
            + source
            + ": "
            + cause.getMessage()
            + ". The deletion vector is corrupt; rows cannot be filtered safely.",
        cause);
  }

  public static InvalidTableException invalidPartitionValue(
      String column, String value, dev.keel.kernel.types.DataType type, Throwable cause) {
    return invalidPartitionValue(column, value, type, cause, null);
  }

  /**
   * @param dataFile the file whose partition value it is, when known
   */
  public static InvalidTableException invalidPartitionValue(
      String column,
      String value,
      dev.keel.kernel.types.DataType type,
      Throwable cause,
      String dataFile) {
    return new InvalidTableException(
        "Cannot read the partition value `"
            + value
            + "` of column `"
            + column
            + "`"
            + (dataFile == null ? "" : " of the data file `" + dataFile + "`")
            + " as "
            + type
            + ": "
            + cause.getMessage()
            + ". The log holds a value the column's type cannot represent.",
        cause);
  }

  public static InvalidExpressionException unknownReadColumn(String column, Object schema) {
    return new InvalidExpressionException(
        "Cannot read column `"
            + column
            + "`: the table has no such column. Columns: "
            + schema
            + ".");
  }

  // ---- writes ----

  public static InvalidExpressionException missingPartitionValue(
      String column, java.util.List<String> partitionColumns) {
    return new InvalidExpressionException(
        "Cannot write data: no value for partition column `"
            + column
            + "`. Give a value (possibly null) for every partition column: "
            + partitionColumns
            + ".");
  }

  public static InvalidExpressionException unknownPartitionColumn(
      String column, java.util.List<String> partitionColumns) {
    return new InvalidExpressionException(
        "Cannot write data: `"
            + column
            + "` is not a partition column. Partition columns: "
            + partitionColumns
            + ".");
  }

  public static InvalidExpressionException partitionValueType(
      String column, DataType type, Object value) {
    return new InvalidExpressionException(
        "Cannot write data: the value "
            + value
            + " for partition column `"
            + column
            + "` is not of the column's type "
            + type
            + ".");
  }

  public static InvalidExpressionException nullInNonNullableColumn(String column) {
    return new InvalidExpressionException(
        "Cannot write data: column `"
            + column
            + "` is not nullable but the data has a null in it. Fill the value or make the column nullable.");
  }

  public static InvalidSchemaException rowSchemaMismatch(Object actual, Object expected) {
    return new InvalidSchemaException(
        "Cannot write rows: their schema "
            + actual
            + " does not match the table's schema "
            + expected
            + ". Transaction.writeRows takes every column of the table, partition columns included,"
            + " with the table's names, order and types.");
  }

  public static InvalidSchemaException schemaMismatch(Object actual, Object expected) {
    return new InvalidSchemaException(
        "Cannot write data: its schema "
            + actual
            + " does not match the table's data columns "
            + expected
            + ". Columns must have the table's names, order and types (partition columns excluded).");
  }

  public static KernelException tableAlreadyExists(String table) {
    return new KernelException(
        "Cannot create a table at `"
            + table
            + "`: a Delta table already exists there. "
            + "Write to it instead, or choose another path.");
  }

  public static TableNotFoundException tableDoesNotExistForWrite(String table) {
    return new TableNotFoundException(
        "Cannot write to `"
            + table
            + "`: there is no Delta table there. "
            + "Create it first with Operation.CREATE_TABLE and a schema.");
  }

  public static UnsupportedProtocolException unsupportedWriterFeatures(
      String table, java.util.Collection<String> unsupported) {
    return new UnsupportedProtocolException(
        "Cannot write to `"
            + table
            + "`: writer feature(s) "
            + unsupported
            + " are not supported by Keel 0.1 (Keel would write data that breaks them). Write with an engine that supports them.");
  }

  public static UnsupportedProtocolException unsupportedWriterVersion(String table, int version) {
    return new UnsupportedProtocolException(
        "Cannot write to `"
            + table
            + "`: it requires writer version "
            + version
            + " and Keel writes versions 1 to 7.");
  }

  public static InvalidExpressionException unsupportedTableProperty(
      String key, String value, String why) {
    return new InvalidExpressionException(
        "Cannot set table property `" + key + "` to `" + value + "`: " + why + ".");
  }

  public static InvalidSchemaException incompatibleSchemaChange(String column, String why) {
    return new InvalidSchemaException(
        "Cannot change the schema at column `" + column + "`: " + why + ".");
  }

  public static ConcurrentWriteException concurrentMetadataChange(String table, long version) {
    return new ConcurrentWriteException(
        "Cannot commit to `"
            + table
            + "`: version "
            + version
            + " (committed concurrently) changed the table's protocol or metadata. Re-read the table and retry the write.");
  }

  public static ConcurrentWriteException transactionAlreadyCommitted(
      String table, String appId, long requested, long committed) {
    return new ConcurrentWriteException(
        "Cannot commit to `"
            + table
            + "`: application `"
            + appId
            + "` already committed version "
            + committed
            + ", so version "
            + requested
            + " is a duplicate. The write was already done; skip it.");
  }

  /** A concurrent commit recorded a version of an application this commit records too. */
  public static ConcurrentWriteException concurrentTransaction(
      String table, String appId, long requested, long committed, long version) {
    if (committed >= requested) {
      return transactionAlreadyCommitted(table, appId, requested, committed);
    }
    return new ConcurrentWriteException(
        "Cannot commit to `"
            + table
            + "`: application `"
            + appId
            + "` committed its version "
            + committed
            + " in version "
            + version
            + " while this commit of its version "
            + requested
            + " was being prepared, so the two may hold the same work. Read the application's"
            + " latest version (Snapshot.getLatestTransactionVersion) and redo what follows it.");
  }

  public static ConcurrentWriteException tooManyRetries(String table, int attempts) {
    return new ConcurrentWriteException(
        "Cannot commit to `"
            + table
            + "`: other writers won "
            + attempts
            + " times in a row. Retry later or raise the retry limit (TransactionBuilder.withMaxRetries).");
  }

  public static KernelException appendOnly(String table) {
    return new KernelException(
        "Cannot delete from `"
            + table
            + "`: the table is append-only (delta.appendOnly=true). "
            + "Only appends are allowed; unset the property to delete.");
  }

  public static KernelException deleteOnNewTable(String table) {
    return new KernelException(
        "Cannot delete from `"
            + table
            + "` in the transaction that creates it: there is nothing to delete yet.");
  }

  public static InvalidExpressionException notAPartitionPredicate(
      Object predicate, java.util.List<String> partitionColumns) {
    return new InvalidExpressionException(
        "Cannot remove files by `"
            + predicate
            + "`: it must reference partition columns only "
            + partitionColumns
            + ". Use delete for conditions on data columns.");
  }

  public static ConcurrentWriteException concurrentRemove(String table, long version, String path) {
    return new ConcurrentWriteException(
        "Cannot commit to `"
            + table
            + "`: version "
            + version
            + " (committed concurrently) removed the file `"
            + path
            + "` that this transaction also changes. Re-read the table and retry.");
  }

  // ---- change data feed ----

  /**
   * @param what what is read of the range: {@code changes}, {@code commits}
   */
  public static VersionNotFoundException rangeStartAfterEnd(
      String what, String table, long start, long end) {
    return new VersionNotFoundException(
        "Cannot read the "
            + what
            + " of `"
            + table
            + "` from version "
            + start
            + " to "
            + end
            + ": the start is after the end. Give a start at or before the end.");
  }

  /**
   * @param what what is read of the range: {@code changes}, {@code commits}
   */
  public static VersionNotFoundException rangeAfterLatest(
      String what, String table, long version, long latest) {
    return new VersionNotFoundException(
        "Cannot read the "
            + what
            + " of `"
            + table
            + "` up to version "
            + version
            + ": the latest version is "
            + latest
            + ". Read up to version "
            + latest
            + " at most.");
  }

  /**
   * @param what what is read of the range: {@code changes}, {@code commits}
   */
  public static VersionNotFoundException rangeRemovedFromLog(
      String what, String table, long start, long earliest) {
    return new VersionNotFoundException(
        "Cannot read the "
            + what
            + " of `"
            + table
            + "` from version "
            + start
            + ": the commits before version "
            + earliest
            + " were removed from the log (metadata cleanup). Start at version "
            + earliest
            + " or later.");
  }

  public static dev.keel.kernel.exceptions.ChangeDataNotAvailableException changeDataFeedDisabled(
      String table, long start, long end, long version) {
    return new dev.keel.kernel.exceptions.ChangeDataNotAvailableException(
        "Cannot read the changes of `"
            + table
            + "` from version "
            + start
            + " to "
            + end
            + ": the change data feed (delta.enableChangeDataFeed) was not enabled at version "
            + version
            + ". Read a range of versions that had it enabled.");
  }

  public static dev.keel.kernel.exceptions.ChangeDataNotAvailableException
      changesIncompatibleSchema(String table, long start, long end, long version, String why) {
    return new dev.keel.kernel.exceptions.ChangeDataNotAvailableException(
        "Cannot read the changes of `"
            + table
            + "` from version "
            + start
            + " to "
            + end
            + ": version "
            + version
            + " changed the schema incompatibly ("
            + why
            + "). Read the changes before and from version "
            + version
            + " separately.");
  }

  // ---- streaming ----

  public static dev.keel.kernel.exceptions.StreamingException streamDataRemoved(
      String table, long version) {
    return new dev.keel.kernel.exceptions.StreamingException(
        "Cannot stream the files of `"
            + table
            + "` past version "
            + version
            + ": that commit removed data (remove actions with dataChange=true), which a stream of added"
            + " files cannot express. Set ignoreDeletes to skip commits that only delete, or ignoreChanges to"
            + " ignore removes and read rewritten files again.");
  }

  public static dev.keel.kernel.exceptions.StreamingException streamSchemaChanged(
      String table, long version, String why) {
    return new dev.keel.kernel.exceptions.StreamingException(
        "Cannot stream the files of `"
            + table
            + "` past version "
            + version
            + ": it changed the schema in a way the stream's schema cannot read ("
            + why
            + "). Start a new stream at version "
            + version
            + ".");
  }
}
