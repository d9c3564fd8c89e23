package dev.keel.kernel;

import dev.keel.kernel.internal.Values;
import dev.keel.kernel.types.StructType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The kernel internals' access to the package-private constructors of this package's values. */
final class KernelValues implements Values.Factory {
  private KernelValues() {}

  @Override
  public Protocol protocol(
      int minReaderVersion,
      int minWriterVersion,
      Set<String> readerFeatures,
      Set<String> writerFeatures) {
    return new Protocol(minReaderVersion, minWriterVersion, readerFeatures, writerFeatures);
  }

  @Override
  public Metadata metadata(
      String id,
      Optional<String> name,
      Optional<String> description,
      String formatProvider,
      Map<String, String> formatOptions,
      String schemaString,
      List<String> partitionColumns,
      Map<String, String> configuration,
      Optional<Long> createdTime) {
    return new Metadata(
        id,
        name,
        description,
        formatProvider,
        formatOptions,
        schemaString,
        partitionColumns,
        configuration,
        createdTime);
  }

  @Override
  public CommitInfo commitInfo(
      long version,
      long timestamp,
      Optional<Long> inCommitTimestamp,
      Optional<String> operation,
      Map<String, String> operationParameters,
      Optional<String> engineInfo,
      Optional<Boolean> isBlindAppend) {
    return new CommitInfo(
        version,
        timestamp,
        inCommitTimestamp,
        operation,
        operationParameters,
        engineInfo,
        isBlindAppend);
  }

  @Override
  public CommitResult commitResult(
      long version, int attempts, boolean checkpointWritten, boolean checksumWritten) {
    return new CommitResult(version, attempts, checkpointWritten, checksumWritten);
  }

  @Override
  public ScanState scanState(
      String tablePath,
      StructType logicalSchema,
      StructType physicalSchema,
      Map<String, String> partitionPhysicalNames) {
    return new ScanState(tablePath, logicalSchema, physicalSchema, partitionPhysicalNames);
  }

  @Override
  public TransactionState transactionState(
      String tablePath,
      StructType schema,
      List<String> partitionColumns,
      Map<String, String> properties) {
    return new TransactionState(tablePath, schema, partitionColumns, properties);
  }
}
