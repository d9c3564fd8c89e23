package dev.keel.kernel.internal.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.testing.LogBuilder;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code ScanBuilder.withTypedStatistics}: each scan file's statistics as a typed struct under the
 * columns' logical names, on a column-mapped table with a nested column, in memory.
 */
class TestTypedStatistics {
  /** Logical id (physical col-1), s (col-2), st.x (col-3.col-4), b (binary: no statistics). */
  private static final String SCHEMA =
      ("{'type':'struct','fields':["
              + "{'name':'id','type':'long','nullable':true,'metadata':{'delta.columnMapping.id':1,'delta.columnMapping.physicalName':'col-1'}},"
              + "{'name':'s','type':'string','nullable':true,'metadata':{'delta.columnMapping.id':2,'delta.columnMapping.physicalName':'col-2'}},"
              + "{'name':'st','type':{'type':'struct','fields':[{'name':'x','type':'integer','nullable':true,'metadata':"
              + "{'delta.columnMapping.id':4,'delta.columnMapping.physicalName':'col-4'}}]},'nullable':true,"
              + "'metadata':{'delta.columnMapping.id':3,'delta.columnMapping.physicalName':'col-3'}},"
              + "{'name':'b','type':'binary','nullable':true,'metadata':{'delta.columnMapping.id':5,'delta.columnMapping.physicalName':'col-5'}}"
              + "]}")
          .replace("'", "\\\"");

  @Test
  void eachFileCarriesItsStatisticsTypedUnderLogicalNames() {
    LogBuilder log = LogBuilder.inMemory();
    log.commit(
        0,
        LogBuilder.protocol(2, 5),
        LogBuilder.metadata(
            SCHEMA,
            "",
            "\"delta.columnMapping.mode\":\"name\",\"delta.columnMapping.maxColumnId\":\"5\""),
        LogBuilder.add(
            "f1",
            "",
            1,
            "{\"numRecords\":3,\"minValues\":{\"col-1\":1,\"col-2\":\"a\",\"col-3\":{\"col-4\":-2}},"
                + "\"maxValues\":{\"col-1\":9,\"col-2\":\"k\",\"col-3\":{\"col-4\":7}},"
                + "\"nullCount\":{\"col-1\":0,\"col-2\":1,\"col-3\":{\"col-4\":0},\"col-5\":3}}"),
        LogBuilder.add(
            "f2",
            "",
            1,
            "{\"numRecords\":5,\"minValues\":{\"col-1\":10},\"maxValues\":{\"col-1\":20},"
                + "\"nullCount\":{\"col-1\":2}}"),
        LogBuilder.add("f3", "", 1, null));
    var snapshot = Table.forPath(log.engine(), LogBuilder.ROOT).getLatestSnapshot(log.engine());
    TreeMap<String, String> seen = new TreeMap<>();
    StructType[] statsType = new StructType[1];
    try (CloseableIterator<FilteredColumnarBatch> files =
        snapshot.getScanBuilder().withTypedStatistics(true).build().getScanFiles(log.engine())) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next()) {
          ColumnarBatch data = b.getData();
          int ordinal = data.getSchema().indexOf(ScanFile.TYPED_STATISTICS);
          assertThat(ordinal).isEqualTo(ScanFile.SCHEMA.length());
          ColumnVector stats = data.getColumnVector(ordinal);
          statsType[0] = (StructType) stats.getDataType();
          for (int i = 0; i < data.getSize(); i++) {
            if (b.isSelected(i)) {
              seen.put(data.getColumnVector(ScanFile.PATH).getString(i), render(stats, i));
            }
          }
        }
      }
    }
    assertThat(statsType[0].toJson())
        .isEqualTo(
            "{\"type\":\"struct\",\"fields\":["
                + "{\"name\":\"numRecords\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"minValues\",\"type\":"
                + leaves("long", "string", "integer")
                + ",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"maxValues\",\"type\":"
                + leaves("long", "string", "integer")
                + ",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"nullCount\",\"type\":"
                + leaves("long", "long", "long")
                + ",\"nullable\":true,\"metadata\":{}}]}");
    assertThat(seen)
        .containsEntry("f1", "rows=3 id=[1,9] s=[a,k] st.x=[-2,7] nulls id=0 s=1 st.x=0")
        .containsEntry(
            "f2", "rows=5 id=[10,20] s=[null,null] st.x=[null,null] nulls id=2 s=null st.x=null")
        .containsEntry("f3", "no statistics")
        .hasSize(3);
  }

  private static String leaves(String id, String s, String x) {
    return "{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\""
        + id
        + "\",\"nullable\":true,\"metadata\":{}},"
        + "{\"name\":\"s\",\"type\":\""
        + s
        + "\",\"nullable\":true,\"metadata\":{}},"
        + "{\"name\":\"st\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\""
        + x
        + "\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}}]}";
  }

  /** The statistics of one file as text, read through the typed vectors' getters. */
  private static String render(ColumnVector stats, int i) {
    if (stats.isNullAt(i)) {
      return "no statistics";
    }
    ColumnVector min = stats.getChild(1);
    ColumnVector max = stats.getChild(2);
    ColumnVector nulls = stats.getChild(3);
    List<String> parts = new ArrayList<>();
    parts.add("rows=" + stats.getChild(0).getLong(i));
    parts.add("id=[" + longAt(min.getChild(0), i) + "," + longAt(max.getChild(0), i) + "]");
    parts.add("s=[" + stringAt(min.getChild(1), i) + "," + stringAt(max.getChild(1), i) + "]");
    parts.add(
        "st.x=["
            + intAt(min.getChild(2).getChild(0), i)
            + ","
            + intAt(max.getChild(2).getChild(0), i)
            + "]");
    parts.add(
        "nulls id="
            + longAt(nulls.getChild(0), i)
            + " s="
            + longAt(nulls.getChild(1), i)
            + " st.x="
            + longAt(nulls.getChild(2).getChild(0), i));
    return String.join(" ", parts);
  }

  private static String longAt(ColumnVector v, int i) {
    return v.isNullAt(i) ? "null" : Long.toString(v.getLong(i));
  }

  private static String intAt(ColumnVector v, int i) {
    return v.isNullAt(i) ? "null" : Integer.toString(v.getInt(i));
  }

  private static String stringAt(ColumnVector v, int i) {
    return v.isNullAt(i) ? "null" : v.getString(i);
  }
}
