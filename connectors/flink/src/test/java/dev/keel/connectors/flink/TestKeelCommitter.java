package dev.keel.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committer commits a checkpoint once: a replayed committable is acknowledged, not re-added.
 */
class TestKeelCommitter {
  @TempDir Path dir;

  /** A commit request that records what the committer signalled. */
  static final class Request implements Committer.CommitRequest<KeelCommittable> {
    final KeelCommittable committable;
    final List<String> signals = new ArrayList<>();

    Request(KeelCommittable committable) {
      this.committable = committable;
    }

    @Override
    public KeelCommittable getCommittable() {
      return committable;
    }

    @Override
    public int getNumberOfRetries() {
      return 0;
    }

    @Override
    public void signalFailedWithKnownReason(Throwable t) {
      signals.add("failed: " + t.getMessage());
    }

    @Override
    public void signalFailedWithUnknownReason(Throwable t) {
      signals.add("failed: " + t.getMessage());
    }

    @Override
    public void retryLater() {
      signals.add("retry");
    }

    @Override
    public void updateAndRetryLater(KeelCommittable committable) {
      signals.add("update");
    }

    @Override
    public void signalAlreadyCommitted() {
      signals.add("already committed");
    }
  }

  private static KeelCommittable committable(long version, String... files) {
    List<String> adds = new ArrayList<>();
    for (String f : files) {
      adds.add(AddFile.of(f, Map.of(), 100, 1_000, Optional.empty()).toJson());
    }
    return new KeelCommittable("app", version, adds);
  }

  @Test
  void commitsEachVersionOnceAndInOrder() throws Exception {
    String path = dir.resolve("t").toString();
    KeelSink sink =
        KeelSink.forTable(path)
            .rowType(RowType.of(new LogicalType[] {new BigIntType()}, new String[] {"id"}))
            .build();
    Request seven = new Request(committable(7, "a.parquet"));
    Request five = new Request(committable(5, "b.parquet", "c.parquet"));
    try (KeelCommitter committer = new KeelCommitter(sink)) {
      committer.commit(List.of(seven, five));
      assertThat(seven.signals).isEmpty();
      assertThat(five.signals).isEmpty();

      // replayed after a failure: both versions are in the table already
      Request again = new Request(committable(7, "a.parquet"));
      Request older = new Request(committable(6, "d.parquet"));
      committer.commit(List.of(again, older));
      assertThat(again.signals).containsExactly("already committed");
      assertThat(older.signals).containsExactly("already committed");
    }
    try (DefaultEngine engine = DefaultEngine.create()) {
      var snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);
      assertThat(snapshot.getVersion()).isEqualTo(2); // create, version 5, version 7
      assertThat(snapshot.getLatestTransactionVersion(engine, "app")).contains(7L);
      assertThat(
              Table.forPath(engine, path)
                  .getSnapshotAsOfVersion(engine, 1)
                  .getLatestTransactionVersion(engine, "app"))
          .contains(5L);
    }
  }

  @Test
  void committablesSurviveTheirSerializer() throws Exception {
    KeelCommittable c = committable(42, "x=1/a.parquet", "b.parquet");
    KeelCommittable.Serializer s = KeelCommittable.Serializer.INSTANCE;
    assertThat(s.deserialize(s.getVersion(), s.serialize(c))).isEqualTo(c);
    KeelCommittable.WriteResult r = new KeelCommittable.WriteResult(c.files());
    KeelCommittable.WriteResultSerializer w = KeelCommittable.WriteResultSerializer.INSTANCE;
    assertThat(w.deserialize(w.getVersion(), w.serialize(r))).isEqualTo(r);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.deserialize(2, s.serialize(c)))
        .hasMessage(
            "Cannot read a Keel sink committable of serializer version 2; this Keel reads 1");
  }
}
