package dev.keel.connectors.trino;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.KernelException;
import io.airlift.slice.Slice;
import io.trino.spi.TrinoException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Keel transactions of writes in progress, kept on the coordinator between a write's start (its
 * state goes to the workers) and its finish (the files the workers wrote are committed), by Trino
 * transaction so that a rollback drops them.
 */
final class KeelWrites {
  private final Engine engine;
  private final Map<String, Transaction> pending = new ConcurrentHashMap<>();
  private final Map<UUID, Set<String>> byTransaction = new ConcurrentHashMap<>();

  KeelWrites(Engine engine) {
    this.engine = engine;
  }

  /** Keeps a started Keel transaction; returns its write id. */
  String start(KeelTransactionHandle trino, Transaction keel) {
    String id = UUID.randomUUID().toString();
    pending.put(id, keel);
    byTransaction.computeIfAbsent(trino.id(), t -> ConcurrentHashMap.newKeySet()).add(id);
    return id;
  }

  /**
   * Commits the files the workers wrote, in the write's Keel transaction.
   *
   * @throws TrinoException with Keel's message if the commit fails (a lost conflict included)
   */
  void commit(String writeId, Collection<Slice> fragments) {
    List<AddFile> files = new ArrayList<>();
    for (Slice f : fragments) {
      files.add(AddFile.fromJson(f.toStringUtf8()));
    }
    commit(writeId, files, t -> {});
  }

  /**
   * Commits these files, with more changes made to the transaction first (deletes).
   *
   * @throws TrinoException with Keel's message if the commit fails (a lost conflict included)
   */
  void commit(String writeId, List<AddFile> files, java.util.function.Consumer<Transaction> more) {
    Transaction t = pending.remove(writeId);
    if (t == null) {
      throw new TrinoException(
          KeelErrorCode.KEEL_TABLE_ERROR,
          "The write " + writeId + " is not in progress: it was rolled back or committed already");
    }
    try {
      more.accept(t);
      t.addFiles(files);
      t.commit(engine);
    } catch (KernelException e) {
      throw KeelErrorCode.fromKernel(e);
    }
  }

  /** Forgets the writes of a Trino transaction that ended (committed or rolled back). */
  void end(KeelTransactionHandle trino) {
    Set<String> ids = byTransaction.remove(trino.id());
    if (ids != null) {
      ids.forEach(pending::remove);
    }
  }
}
