package dev.keel.kernel.internal.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.CommitActions;
import dev.keel.kernel.DeltaAction;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.exceptions.InvalidTableException;
import dev.keel.kernel.exceptions.VersionNotFoundException;
import dev.keel.kernel.testing.LeakCheckingEngine;
import dev.keel.kernel.testing.LogBuilder;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code Table.getCommits}: the actions of a range of commits, in version order, in memory. */
class TestCommitReader {
  private final LogBuilder log = LogBuilder.inMemory();
  private final LeakCheckingEngine engine = new LeakCheckingEngine(log.engine());

  private List<String> commits(long from, long to, Set<DeltaAction> actions) {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<CommitActions> it =
        Table.forPath(engine, LogBuilder.ROOT).getCommits(engine, from, to, actions)) {
      while (it.hasNext()) {
        try (CommitActions c = it.next()) {
          ColumnarBatch b = c.getActions();
          assertThat(c.getTimestamp()).isPositive();
          for (int i = 0; i < b.getSize(); i++) {
            for (int col = 0; col < b.getSchema().length(); col++) {
              ColumnVector v = b.getColumnVector(col);
              if (!v.isNullAt(i)) {
                out.add(
                    c.getVersion()
                        + " "
                        + b.getSchema().at(col).getName()
                        + " "
                        + v.getChild(0).getString(i));
              }
            }
          }
        }
      }
    }
    engine.assertAllClosed();
    return out;
  }

  @Test
  void eachCommitsRequestedActionsInVersionOrder() {
    log.commit(0, LogBuilder.PROTOCOL, LogBuilder.METADATA, LogBuilder.add("a", 1))
        .commit(1, LogBuilder.add("b", 1), LogBuilder.remove("a"))
        .commit(
            2,
            "{\"cdc\":{\"path\":\"_change_data/c\",\"partitionValues\":{},\"size\":3,\"dataChange\":false}}",
            LogBuilder.txn("app", 4))
        .commit(3, LogBuilder.add("d", 1));
    assertThat(
            commits(
                1,
                3,
                EnumSet.of(DeltaAction.ADD, DeltaAction.REMOVE, DeltaAction.CDC, DeltaAction.TXN)))
        .containsExactly("1 add b", "1 remove a", "2 cdc _change_data/c", "2 txn app", "3 add d");
    assertThat(commits(0, 0, EnumSet.of(DeltaAction.METADATA))).containsExactly("0 metaData t-1");
  }

  @Test
  void rangesTheLogCannotAnswerAreRefused() {
    log.commit(0, LogBuilder.PROTOCOL, LogBuilder.METADATA)
        .commit(1, LogBuilder.add("a", 1))
        .commit(3, LogBuilder.add("b", 1));
    assertThatThrownBy(() -> commits(0, 9, Set.of(DeltaAction.ADD)))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessage(
            "Cannot read the commits of `mem:/t` up to version 9: the latest version is 3."
                + " Read up to version 3 at most.");
    assertThatThrownBy(() -> commits(2, 1, Set.of(DeltaAction.ADD)))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessage(
            "Cannot read the commits of `mem:/t` from version 2 to 1: the start is after the end."
                + " Give a start at or before the end.");
    assertThatThrownBy(() -> commits(0, 3, Set.of(DeltaAction.ADD)))
        .isInstanceOf(InvalidTableException.class)
        .hasMessage(
            "Cannot load `mem:/t`: the log is missing the commit file(s) for version(s) [2]."
                + " Commits must be contiguous; the table is corrupted or was partially copied.");
    assertThatThrownBy(() -> commits(0, 1, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Ask for at least one kind of action, e.g. DeltaAction.ADD");
    log.fs().remove(log.log() + "/" + LogBuilder.version(0) + ".json");
    assertThatThrownBy(() -> commits(0, 1, Set.of(DeltaAction.ADD)))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessage(
            "Cannot read the commits of `mem:/t` from version 0: the commits before version 1 were removed"
                + " from the log (metadata cleanup). Start at version 1 or later.");
  }
}
