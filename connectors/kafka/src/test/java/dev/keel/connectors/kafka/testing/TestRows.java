package dev.keel.connectors.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The test messages ({@code id}, {@code city}, {@code at}) and the ids a table holds. */
public final class TestRows {
  private TestRows() {}

  private static final Pattern ID = Pattern.compile("\"id\":(-?\\d+)");

  /**
   * @return the JSON message of an id: city {@code c<id % 4>}, a fixed timestamp
   */
  public static String message(long id) {
    return "{\"id\":" + id + ",\"city\":\"c" + (id % 4) + "\",\"at\":\"2026-12-06T10:00:00Z\"}";
  }

  /**
   * @return the messages of ids {@code from} (inclusive) to {@code to} (exclusive)
   */
  public static List<String> messages(long from, long to) {
    List<String> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(message(i));
    }
    return out;
  }

  /**
   * @return the ids of the table's rows, sorted, duplicates kept
   */
  public static List<Long> ids(Engine engine, String table) {
    List<Long> out = new ArrayList<>();
    for (String row :
        TestBatches.canonicalRows(engine, Table.forPath(engine, table).getLatestSnapshot(engine))) {
      Matcher m = ID.matcher(row);
      assertThat(m.find()).as(row).isTrue();
      out.add(Long.parseLong(m.group(1)));
    }
    out.sort(null);
    return out;
  }
}
