package dev.keel.kernel.defaults.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.CommitInfo;
import dev.keel.kernel.CommitResult;
import dev.keel.kernel.Metadata;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.TransactionBuilder;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.ConcurrentWriteException;
import dev.keel.kernel.exceptions.InvalidExpressionException;
import dev.keel.kernel.exceptions.InvalidSchemaException;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Setting properties on and adding columns to existing tables, and what is refused. */
class TestTableChanges extends TableTestBase {
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, false),
              new StructField(
                  "s",
                  new StructType(List.of(new StructField("x", DataTypes.INTEGER, true))),
                  true),
              new StructField("p", DataTypes.STRING, true)));

  private void create(Map<String, String> properties) {
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(SCHEMA)
            .withPartitionColumns(List.of("p"))
            .withTableProperties(properties)
            .build(engine);
    t.write(
        engine,
        Map.of("p", Literal.ofString("a")),
        TestBatches.owningIterator(
            engine, dataSchema(SCHEMA), dir, "{\"id\":1,\"s\":{\"x\":1}}", "{\"id\":2}"));
    t.commit(engine);
  }

  private static StructType dataSchema(StructType s) {
    return new StructType(s.getFields().stream().filter(f -> !f.getName().equals("p")).toList());
  }

  private TransactionBuilder builder(Operation op) {
    return Table.forPath(engine, table).createTransactionBuilder("test", op);
  }

  private Snapshot latest() {
    return Table.forPath(engine, table).getLatestSnapshot(engine);
  }

  private List<String> rows() {
    return TestBatches.canonicalRows(engine, latest());
  }

  private String commitFile(long version) throws IOException {
    return Files.readString(dir.resolve("t/_delta_log/" + String.format("%020d.json", version)));
  }

  @Test
  void setsPropertiesKeepingTheRestOfTheMetadata() throws IOException {
    create(Map.of("owner", "a"));
    Metadata before = latest().getMetadata();
    CommitResult r =
        builder(Operation.SET_TABLE_PROPERTIES)
            .withTableProperties(
                Map.of("owner", "b", "delta.checkpointInterval", "2", "delta.appendOnly", "true"))
            .build(engine)
            .commit(engine);
    assertThat(r.getVersion()).isEqualTo(1);
    Metadata after = latest().getMetadata();
    assertThat(after.getConfiguration())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("owner", "b", "delta.checkpointInterval", "2", "delta.appendOnly", "true"));
    assertThat(after.getId()).isEqualTo(before.getId());
    assertThat(after.getSchemaString()).isEqualTo(before.getSchemaString());
    assertThat(after.getPartitionColumns()).isEqualTo(before.getPartitionColumns());
    assertThat(after.getCreatedTime()).isEqualTo(before.getCreatedTime());
    assertThat(commitFile(1)).contains("\"metaData\":").doesNotContain("\"protocol\":");
    CommitInfo info = Table.forPath(engine, table).getHistory(engine, 1, 1).get(0);
    assertThat(info.getOperation()).contains("SET TBLPROPERTIES");
    assertThat(info.isBlindAppend()).contains(false);
    // the new properties take effect: the next commit (version 2) is checkpointed, deletes are
    // refused
    Transaction append = builder(Operation.WRITE).build(engine);
    append.write(
        engine,
        Map.of("p", Literal.ofString("b")),
        TestBatches.owningIterator(engine, dataSchema(SCHEMA), dir, "{\"id\":3}"));
    assertThat(append.commit(engine).isCheckpointWritten()).isTrue();
    assertThatThrownBy(
            () ->
                builder(Operation.DELETE)
                    .build(engine)
                    .delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(1))))
        .isInstanceOf(KernelException.class)
        .hasMessage(
            "Cannot delete from `"
                + latest().getTablePath()
                + "`: the table is append-only (delta.appendOnly=true). "
                + "Only appends are allowed; unset the property to delete.");
  }

  @Test
  void anUnchangedSchemaAndNoPropertiesWriteNoMetadata() throws IOException {
    create(Map.of());
    Transaction t =
        builder(Operation.WRITE)
            .withSchema(latest().getSchema())
            .withPartitionColumns(List.of("p"))
            .build(engine);
    t.write(
        engine,
        Map.of("p", Literal.ofString("b")),
        TestBatches.owningIterator(engine, dataSchema(SCHEMA), dir, "{\"id\":3}"));
    t.commit(engine);
    assertThat(commitFile(1)).doesNotContain("\"metaData\":");
  }

  private CommitResult set(Map<String, String> properties) {
    return builder(Operation.SET_TABLE_PROPERTIES)
        .withTableProperties(properties)
        .build(engine)
        .commit(engine);
  }

  private String protocolOf(long version) throws IOException {
    return commitFile(version)
        .lines()
        .filter(l -> l.startsWith("{\"protocol\""))
        .findFirst()
        .orElse("");
  }

  @Test
  void enablingAFeatureUpgradesALegacyProtocolToTableFeatures() throws IOException {
    create(Map.of());
    assertThat(latest().getProtocol().getMinWriterVersion()).isEqualTo(2);
    set(Map.of("delta.enableChangeDataFeed", "true"));
    assertThat(protocolOf(1))
        .isEqualTo(
            "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":7,"
                + "\"writerFeatures\":[\"appendOnly\",\"changeDataFeed\",\"invariants\"]}}");
    set(Map.of("delta.enableDeletionVectors", "true"));
    assertThat(protocolOf(2))
        .isEqualTo(
            "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,"
                + "\"readerFeatures\":[\"deletionVectors\"],\"writerFeatures\":[\"appendOnly\",\"changeDataFeed\","
                + "\"deletionVectors\",\"invariants\"]}}");
    set(Map.of("owner", "me"));
    assertThat(protocolOf(3)).as("nothing new needed").isEmpty();
    // the upgraded table takes deletion-vector deletes, and the rows read back
    Transaction t = builder(Operation.DELETE).build(engine);
    assertThat(t.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(1))))
        .isEqualTo(1);
    t.commit(engine);
    assertThat(commitFile(4)).contains("\"deletionVector\":{").contains("{\"cdc\":");
    assertThat(rows()).containsExactly("{\"id\":2,\"p\":\"a\",\"s\":null}");
  }

  @Test
  void enablingInCommitTimestampsRecordsWhereTheyStart() throws IOException {
    create(Map.of());
    long before = latest().getTimestamp();
    set(Map.of("delta.enableInCommitTimestamps", "true"));
    assertThat(protocolOf(1))
        .contains("\"writerFeatures\":[\"appendOnly\",\"inCommitTimestamp\",\"invariants\"]");
    Snapshot s = latest();
    long ict = s.getInCommitTimestamp().orElseThrow();
    assertThat(ict).isGreaterThan(before);
    assertThat(s.getProperties())
        .containsEntry("delta.inCommitTimestampEnablementVersion", "1")
        .containsEntry("delta.inCommitTimestampEnablementTimestamp", Long.toString(ict));
    assertThat(s.getTimestamp()).isEqualTo(ict);
    assertThat(Table.forPath(engine, table).getSnapshotAsOfTimestamp(engine, ict).getVersion())
        .isEqualTo(1);
    assertThat(Table.forPath(engine, table).getSnapshotAsOfTimestamp(engine, ict - 1).getVersion())
        .isEqualTo(0);
  }

  @Test
  void enablingColumnMappingKeepsExistingColumnsReadable() throws IOException {
    create(Map.of());
    set(Map.of("delta.columnMapping.mode", "name"));
    assertThat(protocolOf(1))
        .isEqualTo(
            "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,"
                + "\"readerFeatures\":[\"columnMapping\"],\"writerFeatures\":[\"appendOnly\",\"columnMapping\",\"invariants\"]}}");
    StructType mapped = latest().getSchema();
    assertThat(
            mapped
                .get("id")
                .orElseThrow()
                .getMetadata()
                .getString("delta.columnMapping.physicalName"))
        .contains("id");
    assertThat(
            ((StructType) mapped.get("s").orElseThrow().getDataType())
                .get("x")
                .orElseThrow()
                .getMetadata()
                .getLong("delta.columnMapping.id"))
        .contains(3L);
    assertThat(latest().getProperties()).containsEntry("delta.columnMapping.maxColumnId", "4");
    assertThat(rows())
        .containsExactly(
            "{\"id\":1,\"p\":\"a\",\"s\":{\"x\":1}}", "{\"id\":2,\"p\":\"a\",\"s\":null}");
    // a column added afterwards gets a fresh physical name, and old and new files read together
    StructType wider = SCHEMA.add(new StructField("n", DataTypes.STRING, true));
    Transaction t = builder(Operation.WRITE).withSchema(wider).build(engine);
    t.write(
        engine,
        Map.of("p", Literal.ofString("b")),
        TestBatches.owningIterator(engine, dataSchema(wider), dir, "{\"id\":3,\"n\":\"z\"}"));
    t.commit(engine);
    assertThat(
            latest()
                .getSchema()
                .get("n")
                .orElseThrow()
                .getMetadata()
                .getString("delta.columnMapping.physicalName")
                .orElseThrow())
        .startsWith("col-");
    assertThat(rows())
        .containsExactly(
            "{\"id\":1,\"n\":null,\"p\":\"a\",\"s\":{\"x\":1}}",
            "{\"id\":2,\"n\":null,\"p\":\"a\",\"s\":null}",
            "{\"id\":3,\"n\":\"z\",\"p\":\"b\",\"s\":null}");
  }

  @Test
  void addingATimestampNtzColumnAddsTheFeature() throws IOException {
    create(Map.of());
    StructType wider = SCHEMA.add(new StructField("t", DataTypes.TIMESTAMP_NTZ, true));
    builder(Operation.ADD_COLUMNS).withSchema(wider).build(engine).commit(engine);
    assertThat(protocolOf(1)).contains("\"readerFeatures\":[\"timestampNtz\"]");
  }

  @Test
  void refusesChangesKeelCannotMake() {
    create(Map.of("delta.columnMapping.mode", "name"));
    assertThatThrownBy(
            () ->
                builder(Operation.SET_TABLE_PROPERTIES)
                    .withTableProperties(Map.of("delta.columnMapping.mode", "none"))
                    .build(engine))
        .isInstanceOf(InvalidExpressionException.class)
        .hasMessage(
            "Cannot set table property `delta.columnMapping.mode` to `none`: an existing table's column mapping can only go"
                + " from none to name (it is name); create a new table for another mode.");
    assertThatThrownBy(
            () ->
                builder(Operation.SET_TABLE_PROPERTIES)
                    .withTableProperties(Map.of("delta.enableRowTracking", "true"))
                    .build(engine))
        .isInstanceOf(InvalidExpressionException.class)
        .hasMessage(
            "Cannot set table property `delta.enableRowTracking` to `true`: enabling row tracking on an existing table"
                + " needs every live file committed again with row ids, which Keel 0.1 does not do; create the table with it.");
    assertThatThrownBy(
            () -> builder(Operation.WRITE).withPartitionColumns(List.of("id")).build(engine))
        .isInstanceOf(InvalidExpressionException.class)
        .hasMessage(
            "Cannot set table property `partitionColumns` to `id`: the partition columns of an existing table cannot"
                + " change (they are [p]).");
    assertThat(latest().getVersion()).isEqualTo(0);
  }

  @Test
  void addsColumnsAtTheEndAndInNestedStructs() throws IOException {
    create(Map.of());
    StructType evolved =
        new StructType(
            List.of(
                SCHEMA.at(0),
                new StructField(
                    "s",
                    ((StructType) SCHEMA.at(1).getDataType()).add("y", DataTypes.STRING),
                    true),
                SCHEMA.at(2),
                new StructField("n", DataTypes.DOUBLE, true)));
    Transaction t = builder(Operation.ADD_COLUMNS).withSchema(evolved).build(engine);
    assertThat(t.getSchema()).isEqualTo(evolved);
    t.write(
        engine,
        Map.of("p", Literal.ofString("b")),
        TestBatches.owningIterator(
            engine,
            dataSchema(evolved),
            dir,
            "{\"id\":3,\"s\":{\"x\":3,\"y\":\"three\"},\"n\":0.5}"));
    t.commit(engine);
    assertThat(latest().getSchema()).isEqualTo(evolved);
    assertThat(commitFile(1)).contains("\"metaData\":");
    assertThat(rows())
        .containsExactly(
            "{\"id\":1,\"n\":null,\"p\":\"a\",\"s\":{\"x\":1,\"y\":null}}",
            "{\"id\":2,\"n\":null,\"p\":\"a\",\"s\":null}",
            "{\"id\":3,\"n\":0.5,\"p\":\"b\",\"s\":{\"x\":3,\"y\":\"three\"}}");
  }

  @Test
  void newColumnsGetColumnMappingIdsAndPhysicalNames() {
    create(Map.of("delta.columnMapping.mode", "name"));
    Snapshot before = latest();
    assertThat(before.getMetadata().getConfiguration())
        .containsEntry("delta.columnMapping.maxColumnId", "4");
    StructType evolved = before.getSchema().add("n", DataTypes.LONG);
    builder(Operation.ADD_COLUMNS).withSchema(evolved).build(engine).commit(engine);
    Snapshot after = latest();
    assertThat(after.getMetadata().getConfiguration())
        .containsEntry("delta.columnMapping.maxColumnId", "5");
    StructField n = after.getSchema().get("n").orElseThrow();
    assertThat(n.getMetadata().getLong("delta.columnMapping.id")).contains(5L);
    assertThat(n.getMetadata().getString("delta.columnMapping.physicalName"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("col-"));
    // existing columns keep their ids and physical names
    for (int i = 0; i < before.getSchema().length(); i++) {
      assertThat(after.getSchema().at(i)).isEqualTo(before.getSchema().at(i));
    }
    Transaction t = builder(Operation.WRITE).build(engine);
    t.write(
        engine,
        Map.of("p", Literal.ofString("b")),
        TestBatches.owningIterator(
            engine, dataSchema(after.getSchema()), dir, "{\"id\":3,\"n\":7}"));
    t.commit(engine);
    assertThat(rows())
        .containsExactly(
            "{\"id\":1,\"n\":null,\"p\":\"a\",\"s\":{\"x\":1}}",
            "{\"id\":2,\"n\":null,\"p\":\"a\",\"s\":null}",
            "{\"id\":3,\"n\":7,\"p\":\"b\",\"s\":null}");
  }

  @Test
  void refusesIncompatibleSchemaChanges() {
    create(Map.of());
    StructType dropped = new StructType(List.of(SCHEMA.at(0), SCHEMA.at(2)));
    assertThatThrownBy(() -> builder(Operation.ADD_COLUMNS).withSchema(dropped).build(engine))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage(
            "Cannot change the schema at column `s`: existing columns cannot be dropped, renamed or reordered;"
                + " give the current schema with new nullable columns added at the end.");
    StructType retyped =
        new StructType(
            List.of(new StructField("id", DataTypes.STRING, false), SCHEMA.at(1), SCHEMA.at(2)));
    assertThatThrownBy(() -> builder(Operation.ADD_COLUMNS).withSchema(retyped).build(engine))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage(
            "Cannot change the schema at column `id`: its type cannot change from long to string.");
    StructType nullability =
        new StructType(
            List.of(new StructField("id", DataTypes.LONG, true), SCHEMA.at(1), SCHEMA.at(2)));
    assertThatThrownBy(() -> builder(Operation.ADD_COLUMNS).withSchema(nullability).build(engine))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage(
            "Cannot change the schema at column `id`: its nullability cannot change (it is NOT NULL).");
    assertThatThrownBy(
            () ->
                builder(Operation.ADD_COLUMNS)
                    .withSchema(SCHEMA.add("n", DataTypes.LONG, false))
                    .build(engine))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage(
            "Cannot change the schema at column `n`: a new column must be nullable, because the rows already in the"
                + " table have no value for it.");
    StructType nestedClash =
        new StructType(
            List.of(
                SCHEMA.at(0),
                new StructField(
                    "s",
                    ((StructType) SCHEMA.at(1).getDataType()).add("X", DataTypes.STRING),
                    true),
                SCHEMA.at(2)));
    assertThatThrownBy(() -> builder(Operation.ADD_COLUMNS).withSchema(nestedClash).build(engine))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage(
            "Cannot change the schema at column `s.X`: a column with that name (ignoring case) already exists.");
    assertThat(latest().getVersion()).isEqualTo(0);
  }

  @Test
  void aConcurrentMetadataChangeFailsAnAppendThatReadTheOldMetadata() {
    create(Map.of());
    Transaction append = builder(Operation.WRITE).build(engine);
    append.write(
        engine,
        Map.of("p", Literal.ofString("b")),
        TestBatches.owningIterator(engine, dataSchema(SCHEMA), dir, "{\"id\":3}"));
    builder(Operation.SET_TABLE_PROPERTIES)
        .withTableProperties(Map.of("owner", "x"))
        .build(engine)
        .commit(engine);
    assertThatThrownBy(() -> append.commit(engine))
        .isInstanceOf(ConcurrentWriteException.class)
        .hasMessage(
            "Cannot commit to `"
                + latest().getTablePath()
                + "`: version 1 (committed concurrently) changed the table's protocol or"
                + " metadata. Re-read the table and retry the write.");
    assertThat(rows()).hasSize(2);
  }
}
