package dev.keel.connectors.trino;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.TransactionState;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import io.airlift.slice.Slice;
import io.airlift.slice.Slices;
import io.trino.spi.Page;
import io.trino.spi.connector.ConnectorPageSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a worker's share of an {@code INSERT} or {@code CREATE TABLE AS} as Parquet data files
 * with Keel's {@link TransactionState#writeRows} (rows routed to their partitions): pages are
 * buffered up to {@link #FLUSH_BYTES} and written together, so files are not one per page. The
 * files' {@code add} actions go back to the coordinator as fragments; an aborted write deletes the
 * files it wrote.
 */
final class KeelPageSink implements ConnectorPageSink {
  static final long FLUSH_BYTES = 64L << 20;

  private final Engine engine;
  private final TransactionState state;
  private final StructType schema;
  private final List<KeelColumnHandle> columns;
  private final int[] channels;
  private final List<Page> pending = new ArrayList<>();
  private final List<AddFile> written = new ArrayList<>();
  private long pendingBytes;
  private long completedBytes;

  KeelPageSink(Engine engine, KeelWriteHandle handle) {
    this.engine = engine;
    this.state = TransactionState.fromJson(handle.transactionState());
    this.schema = state.getSchema();
    this.columns = handle.columns();
    this.channels = new int[schema.length()];
    for (int i = 0; i < channels.length; i++) {
      channels[i] = indexOf(handle.columns(), schema.at(i).getName());
    }
  }

  private static int indexOf(List<KeelColumnHandle> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new IllegalStateException("The write has no column " + name);
  }

  @Override
  public CompletableFuture<?> appendPage(Page page) {
    pending.add(page);
    pendingBytes += page.getSizeInBytes();
    if (pendingBytes >= FLUSH_BYTES) {
      flush();
    }
    return NOT_BLOCKED;
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    BlockBatch batch = BlockBatch.ofPages(schema, columns, channels, List.copyOf(pending));
    pending.clear();
    pendingBytes = 0;
    try {
      List<AddFile> files = state.writeRows(engine, CloseableIterator.of(List.of(batch)));
      written.addAll(files);
      files.forEach(f -> completedBytes += f.getSize());
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    }
  }

  @Override
  public long getCompletedBytes() {
    return completedBytes;
  }

  @Override
  public long getMemoryUsage() {
    return pendingBytes;
  }

  @Override
  public CompletableFuture<Collection<Slice>> finish() {
    flush();
    List<Slice> fragments = new ArrayList<>();
    for (AddFile f : written) {
      fragments.add(Slices.utf8Slice(f.toJson()));
    }
    return CompletableFuture.completedFuture(fragments);
  }

  @Override
  public void abort() {
    pending.clear();
    for (AddFile f : written) {
      try {
        engine.getFileSystemClient().delete(f.getAbsolutePath(state.getTablePath()));
      } catch (IOException | RuntimeException ignored) {
        // an uncommitted file is garbage either way: VACUUM removes what is left
      }
    }
  }
}
