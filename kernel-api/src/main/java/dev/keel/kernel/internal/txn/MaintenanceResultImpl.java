package dev.keel.kernel.internal.txn;

import dev.keel.kernel.MaintenanceResult;
import java.util.List;
import java.util.Optional;

/** What one maintenance operation did: see {@link MaintenanceResult}. */
record MaintenanceResultImpl(
    String getOperation,
    Optional<Long> getVersion,
    List<String> getPaths,
    long getFilesAdded,
    long getFilesRemoved,
    long getBytes,
    boolean isDryRun,
    long getPartitionsTouched)
    implements MaintenanceResult {
  MaintenanceResultImpl(
      String operation,
      Optional<Long> version,
      List<String> paths,
      long added,
      long removed,
      long bytes,
      boolean dryRun) {
    this(operation, version, paths, added, removed, bytes, dryRun, 0);
  }
}
