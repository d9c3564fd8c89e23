package dev.keel.kernel;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.types.StructType;
import java.util.List;
import java.util.Map;

/**
 * Configures a write. Immutable: each call returns a new builder. For a new table give the schema
 * (and partition columns, properties); for an existing table these are taken from the latest
 * snapshot.
 */
@Stable
public interface TransactionBuilder {
  /**
   * Sets the schema of a new table, or evolves the schema of an existing one. For an existing table
   * the schema must be the current one (same columns, order, types and nullability) with new
   * nullable columns added at the end of the table or of a nested struct; on tables with column
   * mapping the new columns get ids and physical names. The change is committed as a {@code
   * metaData} action with the transaction (alone, or together with data written in the new schema).
   *
   * @param schema the table schema
   * @return a builder with the schema
   * @throws dev.keel.kernel.exceptions.InvalidSchemaException from {@link #build} if an existing
   *     column is dropped, renamed, reordered, retyped or changes nullability, or a new column is
   *     NOT NULL or clashes (ignoring case) with an existing one
   */
  TransactionBuilder withSchema(StructType schema);

  /**
   * @param columns the partition columns, top-level columns of the schema (new tables; for an
   *     existing table they must be its current partition columns)
   * @return a builder with the partition columns
   */
  TransactionBuilder withPartitionColumns(List<String> columns);

  /**
   * Sets table properties. For an existing table they are merged into its properties and committed
   * as a {@code metaData} action; properties that would need a protocol upgrade (enabling column
   * mapping or in-commit timestamps, or the change data feed on a writer version below 4) are
   * refused from {@link #build}.
   *
   * @param properties table properties ({@code delta.appendOnly}, {@code delta.checkpointInterval},
   *     {@code delta.columnMapping.mode=name}, {@code delta.enableChangeDataFeed}, {@code
   *     delta.enableDeletionVectors}, {@code delta.enableInCommitTimestamps}, and any non-{@code
   *     delta.} key)
   * @return a builder with the properties
   */
  TransactionBuilder withTableProperties(Map<String, String> properties);

  /**
   * Makes the commit idempotent: it records {@code txn(applicationId, version)} and fails with
   * {@link dev.keel.kernel.exceptions.ConcurrentWriteException} if that application already
   * committed this version or a later one, or if a concurrent commit recorded any version of it. A
   * commit may record several applications (a stream ingester records one per source partition,
   * say): each call adds one, and a second call with the same id replaces its version.
   *
   * @param applicationId a stable id of the writing application
   * @param version the application's monotonically increasing version
   * @return a builder with the transaction id
   */
  TransactionBuilder withTransactionId(String applicationId, long version);

  /**
   * @param metadata user metadata recorded in commitInfo (commit tags)
   * @return a builder with the metadata
   */
  TransactionBuilder withCommitMetadata(Map<String, String> metadata);

  /**
   * @param retries how many times a commit that lost a race is retried, at least 0
   * @return a builder with the retry bound
   */
  TransactionBuilder withMaxRetries(int retries);

  /**
   * Reads the latest snapshot (for an existing table) and starts the transaction.
   *
   * @param engine the engine
   * @return the transaction
   * @throws dev.keel.kernel.exceptions.KernelException if the table does not exist and no schema
   *     was given, if it exists and this is a create, or if its protocol has writer features Keel
   *     does not support
   */
  Transaction build(Engine engine);
}
