package dev.keel.connectors.flink;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.CommitResult;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.exceptions.ConcurrentWriteException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits each checkpoint's files in one Keel transaction recording {@code txn(appId, version)}. A
 * committable whose version the table already records for its application was committed before a
 * failure and is acknowledged without a second commit. A commit that loses a race to another writer
 * is retried by Flink later; any other failure fails the job, so nothing is dropped.
 */
final class KeelCommitter implements Committer<KeelCommittable> {
  private static final Logger LOG = LoggerFactory.getLogger(KeelCommitter.class);
  static final String ENGINE_INFO = "Keel-Flink";

  private final KeelSink sink;
  private final DefaultEngine engine;

  KeelCommitter(KeelSink sink) {
    this.sink = sink;
    this.engine = sink.newEngine();
  }

  @Override
  public void commit(Collection<CommitRequest<KeelCommittable>> requests) {
    List<CommitRequest<KeelCommittable>> ordered = new ArrayList<>(requests);
    ordered.sort(Comparator.comparingLong(r -> r.getCommittable().version()));
    for (CommitRequest<KeelCommittable> request : ordered) {
      KeelCommittable c = request.getCommittable();
      if (alreadyCommitted(c)) {
        LOG.info(
            "{} version {} is already in {}; not committed again",
            c.appId(),
            c.version(),
            sink.tablePath());
        request.signalAlreadyCommitted();
        continue;
      }
      List<AddFile> files = new ArrayList<>(c.files().size());
      for (String f : c.files()) {
        files.add(AddFile.fromJson(f));
      }
      try {
        Transaction txn =
            Table.forPath(engine, sink.tablePath())
                .createTransactionBuilder(ENGINE_INFO, Operation.STREAMING_UPDATE)
                .withTransactionId(c.appId(), c.version())
                .withCommitMetadata(
                    Map.of("flink.appId", c.appId(), "flink.version", Long.toString(c.version())))
                .build(engine);
        txn.addFiles(files);
        CommitResult result = txn.commit(engine);
        LOG.info(
            "Committed {} files of {} version {} as table version {}",
            files.size(),
            c.appId(),
            c.version(),
            result.getVersion());
      } catch (ConcurrentWriteException e) {
        if (alreadyCommitted(c)) {
          request.signalAlreadyCommitted();
        } else {
          LOG.warn("Commit of {} version {} lost a race; retrying", c.appId(), c.version(), e);
          request.retryLater();
        }
      }
    }
  }

  private boolean alreadyCommitted(KeelCommittable c) {
    Optional<Long> done =
        Table.forPath(engine, sink.tablePath())
            .getLatestSnapshot(engine)
            .getLatestTransactionVersion(engine, c.appId());
    return done.isPresent() && done.get() >= c.version();
  }

  @Override
  public void close() {
    engine.close();
  }
}
