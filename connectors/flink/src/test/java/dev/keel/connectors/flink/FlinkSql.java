package dev.keel.connectors.flink;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/** Runs SQL in the tests' table environments. */
final class FlinkSql {
  private FlinkSql() {}

  /** The rows of a query as Flink prints them ({@code +I[1, a]}), sorted. */
  static List<String> collect(TableEnvironment t, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = t.executeSql(sql).collect()) {
      it.forEachRemaining(r -> rows.add(r.toString()));
    }
    rows.sort(null);
    return rows;
  }
}
