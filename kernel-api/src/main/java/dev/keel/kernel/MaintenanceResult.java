package dev.keel.kernel;

import dev.keel.kernel.annotations.Evolving;
import java.util.List;
import java.util.Optional;

/**
 * What a table maintenance operation did (or, in a dry run, would do): {@link Table#restore},
 * {@link Table#vacuum}, {@link Table#repair}, {@link Table#cleanUpLog}, {@link Table#optimize(
 * dev.keel.kernel.engine.Engine, Optional)}.
 */
@Evolving
public interface MaintenanceResult {
  /**
   * @return the operation, as Delta names it in commitInfo: {@code RESTORE}, {@code VACUUM}, {@code
   *     FSCK}, {@code CLEANUP LOG}, {@code OPTIMIZE}
   */
  String getOperation();

  /**
   * @return the version the operation committed, when it committed one
   */
  Optional<Long> getVersion();

  /**
   * @return the files acted on: the files vacuum or log cleanup deleted, the missing files repair
   *     removed, the files restore added back and removed; fully qualified paths
   */
  List<String> getPaths();

  /**
   * @return how many files were added by the commit (restore, optimize)
   */
  long getFilesAdded();

  /**
   * @return how many files were removed by the commit or deleted
   */
  long getFilesRemoved();

  /**
   * @return the total size of {@link #getPaths()}, in bytes
   */
  long getBytes();

  /**
   * @return true when nothing was changed: the result lists what would have been
   */
  boolean isDryRun();

  /**
   * @return how many partitions optimize rewrote files in (an unpartitioned table is one); 0 for
   *     the other operations and when optimize had nothing to compact
   */
  long getPartitionsTouched();
}
