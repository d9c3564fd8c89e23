package dev.keel.kernel.internal;

import dev.keel.kernel.CommitInfo;
import dev.keel.kernel.CommitResult;
import dev.keel.kernel.Metadata;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.ScanState;
import dev.keel.kernel.TransactionState;
import dev.keel.kernel.types.StructType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the kernel's internals make the public values only the kernel makes (protocols, metadata,
 * commit infos and results, scan and transaction states), whose constructors are not public so that
 * users cannot build inconsistent ones. The public package provides the implementation (a
 * package-private class there, found once by name), so the constructors stay package-private.
 */
public final class Values {
  private Values() {}

  /** The constructors, implemented in {@code dev.keel.kernel}. */
  public interface Factory {
    Protocol protocol(
        int minReaderVersion,
        int minWriterVersion,
        Set<String> readerFeatures,
        Set<String> writerFeatures);

    Metadata metadata(
        String id,
        Optional<String> name,
        Optional<String> description,
        String formatProvider,
        Map<String, String> formatOptions,
        String schemaString,
        List<String> partitionColumns,
        Map<String, String> configuration,
        Optional<Long> createdTime);

    CommitInfo commitInfo(
        long version,
        long timestamp,
        Optional<Long> inCommitTimestamp,
        Optional<String> operation,
        Map<String, String> operationParameters,
        Optional<String> engineInfo,
        Optional<Boolean> isBlindAppend);

    CommitResult commitResult(
        long version, int attempts, boolean checkpointWritten, boolean checksumWritten);

    ScanState scanState(
        String tablePath,
        StructType logicalSchema,
        StructType physicalSchema,
        Map<String, String> partitionPhysicalNames);

    TransactionState transactionState(
        String tablePath,
        StructType schema,
        List<String> partitionColumns,
        Map<String, String> properties);
  }

  private static final Factory FACTORY = load();

  private static Factory load() {
    try {
      var constructor = Class.forName("dev.keel.kernel.KernelValues").getDeclaredConstructor();
      constructor.setAccessible(true);
      return (Factory) constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Keel's kernel-api jar is incomplete: dev.keel.kernel.KernelValues is missing", e);
    }
  }

  /**
   * @return the constructors of the kernel's public values
   */
  public static Factory make() {
    return FACTORY;
  }
}
