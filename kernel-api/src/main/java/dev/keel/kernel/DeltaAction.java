package dev.keel.kernel;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.types.StructType;

/**
 * The actions of a commit file that {@link Table#getCommits} can return, each with the schema it is
 * read with (the fields the protocol defines that Keel reads; others are left out).
 */
@Evolving
public enum DeltaAction {
  /** {@code add}: a data file added; the fields of {@link ScanFile#SCHEMA}. */
  ADD(ActionSchemas.ADD_FIELD, ActionSchemas.ADD),
  /**
   * {@code remove}: a data file removed (path, deletionTimestamp, dataChange, partitionValues,
   * size, deletionVector, row ids).
   */
  REMOVE(ActionSchemas.REMOVE_FIELD, ActionSchemas.TOMBSTONE),
  /** {@code cdc}: a change data file (path, partitionValues, size, dataChange, tags). */
  CDC(ActionSchemas.CDC_FIELD, ActionSchemas.CDC),
  /**
   * {@code metaData}: the table's metadata (id, name, description, format, schemaString,
   * partitionColumns, configuration, createdTime).
   */
  METADATA(ActionSchemas.METADATA_FIELD, ActionSchemas.METADATA),
  /** {@code protocol}: minReaderVersion, minWriterVersion, readerFeatures, writerFeatures. */
  PROTOCOL(ActionSchemas.PROTOCOL_FIELD, ActionSchemas.PROTOCOL),
  /** {@code txn}: an application's transaction version (appId, version, lastUpdated). */
  TXN(ActionSchemas.TXN_FIELD, ActionSchemas.TXN),
  /**
   * {@code commitInfo}: timestamp, inCommitTimestamp, operation, operationParameters, engineInfo,
   * isBlindAppend.
   */
  COMMIT_INFO(ActionSchemas.COMMIT_INFO_FIELD, ActionSchemas.COMMIT_INFO),
  /** {@code domainMetadata}: domain, configuration, removed. */
  DOMAIN_METADATA(ActionSchemas.DOMAIN_METADATA_FIELD, ActionSchemas.DOMAIN_METADATA);

  private final String fieldName;
  private final StructType schema;

  DeltaAction(String fieldName, StructType schema) {
    this.fieldName = fieldName;
    this.schema = schema;
  }

  /**
   * @return the action's key in a commit file's lines, e.g. {@code metaData}
   */
  public String getFieldName() {
    return fieldName;
  }

  /**
   * @return the schema of the action's struct column
   */
  public StructType getSchema() {
    return schema;
  }
}
