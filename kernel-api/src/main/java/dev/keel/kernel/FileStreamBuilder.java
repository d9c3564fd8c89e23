package dev.keel.kernel;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructType;

/** Configures a {@link FileStream}. Immutable: each call returns a new builder. */
@Evolving
public interface FileStreamBuilder {
  /**
   * @param position where to start (default: the latest snapshot's files, then what follows)
   */
  FileStreamBuilder startingAt(StreamPosition position);

  /**
   * @param filter rows wanted; files that cannot hold any are skipped
   */
  FileStreamBuilder withFilter(Predicate filter);

  /**
   * @param readSchema the columns to read, as {@link ScanBuilder#withReadSchema}
   */
  FileStreamBuilder withReadSchema(StructType readSchema);

  /**
   * @param ignore skip commits that only remove data instead of failing on them
   */
  FileStreamBuilder ignoreDeletes(boolean ignore);

  /**
   * @param ignore ignore removes altogether, handing out files a commit rewrote again
   */
  FileStreamBuilder ignoreChanges(boolean ignore);

  /**
   * @param files the most files one step hands out, at least 1 (default 1,000)
   */
  FileStreamBuilder maxFilesPerStep(int files);

  /**
   * @param bytes about the most bytes of files one step hands out (at least one file); default
   *     unbounded
   */
  FileStreamBuilder maxBytesPerStep(long bytes);

  /**
   * @param engine the engine, to load the snapshot the stream starts from
   * @return the stream
   * @throws dev.keel.kernel.exceptions.VersionNotFoundException if the start is not in the log
   */
  FileStream build(Engine engine);
}
