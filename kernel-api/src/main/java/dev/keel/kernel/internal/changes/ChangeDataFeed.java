package dev.keel.kernel.internal.changes;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.Changes;
import dev.keel.kernel.ChangesBuilder;
import dev.keel.kernel.Metadata;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.ScanState;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.PredicateEvaluator;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.Values;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.internal.data.ConstantColumnVector;
import dev.keel.kernel.internal.data.ObjectVector;
import dev.keel.kernel.internal.deletionvectors.DeletionVectors;
import dev.keel.kernel.internal.deletionvectors.RoaringBitmapArray;
import dev.keel.kernel.internal.features.TableFeatures;
import dev.keel.kernel.internal.log.FileNames;
import dev.keel.kernel.internal.scan.Filters;
import dev.keel.kernel.internal.scan.PartitionValues;
import dev.keel.kernel.internal.scan.ScanFileCodec;
import dev.keel.kernel.internal.scan.ScanFileReader;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.internal.snapshot.SnapshotLoader;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The change data feed of a range of commits (PROTOCOL.md, "Change Data Files" and "Add CDC File").
 * {@link #builder} checks the range against the log when built: every commit file is there, the
 * feed was enabled at every version, and every schema in effect within the range can be read under
 * the end version's schema. Reading then turns each commit into reads of files: its change data
 * files when it has any, else its added and removed files (with {@code dataChange}), and the rows a
 * new deletion vector deletes or restores.
 */
public final class ChangeDataFeed implements Changes {
  private final String tablePath;
  private final long start;
  private final long end;
  private final StructType schema;

  /** Reads the table's columns of a data file. */
  private final ScanState dataState;

  /** Reads a change data file: the table's columns and {@code _change_type}. */
  private final ScanState cdcState;

  private final List<Commit> commits;

  /** The partition part of the filter, on the partition columns' logical names. */
  private final Optional<Predicate> partitionFilter;

  private final Optional<Predicate> remainingFilter;
  private final StructType partitionSchema;

  /** One commit of the range: its file actions and timestamp. */
  private static final class Commit {
    final long version;
    final long timestampMillis;
    final List<Map<String, Object>> adds = new ArrayList<>();
    final List<Map<String, Object>> removes = new ArrayList<>();
    final List<Map<String, Object>> cdcs = new ArrayList<>();

    Commit(long version, long timestampMillis) {
      this.version = version;
      this.timestampMillis = timestampMillis;
    }
  }

  private ChangeDataFeed(
      String tablePath,
      long start,
      long end,
      StructType schema,
      ScanState dataState,
      ScanState cdcState,
      List<Commit> commits,
      Optional<Predicate> partitionFilter,
      Optional<Predicate> remainingFilter,
      StructType partitionSchema) {
    this.tablePath = tablePath;
    this.start = start;
    this.end = end;
    this.schema = schema;
    this.dataState = dataState;
    this.cdcState = cdcState;
    this.commits = commits;
    this.partitionFilter = partitionFilter;
    this.remainingFilter = remainingFilter;
    this.partitionSchema = partitionSchema;
  }

  /**
   * @return a builder for the changes of the table at {@code tablePath} (resolved)
   */
  public static ChangesBuilder builder(String tablePath) {
    return new Builder(
        tablePath,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static final class Builder implements ChangesBuilder {
    private final String tablePath;
    private final Optional<Long> from;
    private final Optional<Long> to;
    private final Optional<StructType> readSchema;
    private final Optional<Long> fromTime;
    private final Optional<Long> toTime;
    private Optional<Predicate> filter = Optional.empty();

    Builder(
        String tablePath,
        Optional<Long> from,
        Optional<Long> to,
        Optional<StructType> readSchema,
        Optional<Long> fromTime,
        Optional<Long> toTime) {
      this.tablePath = tablePath;
      this.from = from;
      this.to = to;
      this.readSchema = readSchema;
      this.fromTime = fromTime;
      this.toTime = toTime;
    }

    private Builder with(Optional<Predicate> f) {
      Builder b = new Builder(tablePath, from, to, readSchema, fromTime, toTime);
      b.filter = f;
      return b;
    }

    @Override
    public ChangesBuilder withFilter(Predicate f) {
      return with(Optional.of(requireNonNull(f, "filter is null")));
    }

    @Override
    public ChangesBuilder fromTimestamp(long timestampMillis) {
      return new Builder(
              tablePath, Optional.empty(), to, readSchema, Optional.of(timestampMillis), toTime)
          .with(filter);
    }

    @Override
    public ChangesBuilder toTimestamp(long timestampMillis) {
      return new Builder(
              tablePath, from, Optional.empty(), readSchema, fromTime, Optional.of(timestampMillis))
          .with(filter);
    }

    @Override
    public ChangesBuilder fromVersion(long version) {
      if (version < 0) {
        throw Errors.negativeVersion(tablePath, version);
      }
      return new Builder(tablePath, Optional.of(version), to, readSchema, Optional.empty(), toTime)
          .with(filter);
    }

    @Override
    public ChangesBuilder toVersion(long version) {
      if (version < 0) {
        throw Errors.negativeVersion(tablePath, version);
      }
      return new Builder(
              tablePath, from, Optional.of(version), readSchema, fromTime, Optional.empty())
          .with(filter);
    }

    @Override
    public ChangesBuilder withReadSchema(StructType schema) {
      return new Builder(
              tablePath,
              from,
              to,
              Optional.of(requireNonNull(schema, "readSchema is null")),
              fromTime,
              toTime)
          .with(filter);
    }

    @Override
    public Changes build(Engine engine) {
      long start;
      if (fromTime.isPresent()) {
        start = SnapshotLoader.versionAtOrAfter(engine, tablePath, fromTime.get());
      } else {
        start =
            from.orElseThrow(
                () ->
                    new IllegalStateException(
                        "Give where the changes start: fromVersion(...) or fromTimestamp(...)"));
      }
      Optional<Long> last =
          toTime.isPresent()
              ? Optional.of(SnapshotLoader.versionAsOf(engine, tablePath, toTime.get()))
              : to;
      CommitRange range = CommitRange.list(engine, "changes", tablePath, start, last);
      long end = range.end;
      List<FileStatus> files = range.files;
      SnapshotImpl endSnapshot = SnapshotLoader.atVersion(engine, tablePath, end);
      Metadata metadataAtStart =
          start == end
              ? endSnapshot.getMetadata()
              : SnapshotLoader.atVersion(engine, tablePath, start).getMetadata();
      StructType endSchema = endSnapshot.getSchema();
      List<Commit> commits = new ArrayList<>();
      Metadata current = metadataAtStart;
      for (FileStatus f : files) {
        long version = FileNames.parse(f.getName()).version;
        List<Map<String, Object>> actions = readActions(engine, f);
        Optional<Long> ict = Optional.empty();
        for (Map<String, Object> a : actions) {
          if (a.get(ActionSchemas.METADATA_FIELD) instanceof Map && version > start) {
            current = metadata(a);
            checkReadable(tablePath, start, end, version, current.getSchema(), endSchema);
          } else if (a.get(ActionSchemas.PROTOCOL_FIELD) instanceof Map) {
            TableFeatures.checkReadable(tablePath, protocol(a, f.getPath()));
          } else if (a.get(ActionSchemas.COMMIT_INFO_FIELD) instanceof Map) {
            Object t =
                ((Map<?, ?>) a.get(ActionSchemas.COMMIT_INFO_FIELD)).get("inCommitTimestamp");
            ict = t instanceof Long ? Optional.of((Long) t) : Optional.empty();
          }
        }
        if (version == start) {
          checkReadable(tablePath, start, end, version, current.getSchema(), endSchema);
        }
        TableProperties props = TableProperties.of(current.getConfiguration());
        if (!props.isChangeDataFeedEnabled()) {
          throw Errors.changeDataFeedDisabled(tablePath, start, end, version);
        }
        Commit c =
            new Commit(
                version,
                props.isInCommitTimestampsEnabled() && ict.isPresent()
                    ? ict.get()
                    : f.getModificationTime());
        for (Map<String, Object> a : actions) {
          collect(a, "add", c.adds);
          collect(a, "remove", c.removes);
          collect(a, "cdc", c.cdcs);
        }
        commits.add(c);
      }
      ScanState data =
          endSnapshot
              .getScanBuilder()
              .withReadSchema(readSchema.orElse(endSchema))
              .build()
              .getScanState();
      StructField changeType = new StructField(CHANGE_TYPE, DataTypes.STRING, true);
      ScanState cdc =
          Values.make()
              .scanState(
                  data.getTablePath(),
                  data.getLogicalSchema().add(changeType),
                  data.getPhysicalSchema().add(changeType),
                  data.getPartitionPhysicalNames());
      StructType out =
          data.getLogicalSchema()
              .add(changeType)
              .add(new StructField(COMMIT_VERSION, DataTypes.LONG, true))
              .add(new StructField(COMMIT_TIMESTAMP, DataTypes.TIMESTAMP, true));
      java.util.Set<String> partitionColumns =
          new java.util.LinkedHashSet<>(endSnapshot.getPartitionColumns());
      List<StructField> partitionFields = new ArrayList<>();
      for (String p : partitionColumns) {
        endSchema.get(p).ifPresent(partitionFields::add);
      }
      return new ChangeDataFeed(
          tablePath,
          start,
          end,
          out,
          data,
          cdc,
          commits,
          filter.flatMap(f -> Filters.partitionPart(f, partitionColumns)),
          filter.flatMap(f -> Filters.dataPart(f, partitionColumns)),
          new StructType(partitionFields));
    }
  }

  @SuppressWarnings("unchecked")
  private static void collect(
      Map<String, Object> action, String kind, List<Map<String, Object>> into) {
    Object a = action.get(kind);
    if (a instanceof Map) {
      into.add((Map<String, Object>) a);
    }
  }

  @SuppressWarnings("unchecked")
  private static Metadata metadata(Map<String, Object> action) {
    Map<String, Object> m = (Map<String, Object>) action.get(ActionSchemas.METADATA_FIELD);
    Map<String, Object> format =
        m.get("format") instanceof Map ? (Map<String, Object>) m.get("format") : Map.of();
    return Values.make()
        .metadata(
            String.valueOf(m.get("id")),
            Optional.ofNullable((String) m.get("name")),
            Optional.ofNullable((String) m.get("description")),
            format.get("provider") instanceof String ? (String) format.get("provider") : "parquet",
            strings(format.get("options")),
            (String) m.get("schemaString"),
            m.get("partitionColumns") instanceof List
                ? (List<String>) m.get("partitionColumns")
                : List.of(),
            strings(m.get("configuration")),
            m.get("createdTime") instanceof Long
                ? Optional.of((Long) m.get("createdTime"))
                : Optional.empty());
  }

  @SuppressWarnings("unchecked")
  private static dev.keel.kernel.Protocol protocol(Map<String, Object> action, String logFile) {
    Map<String, Object> p = (Map<String, Object>) action.get(ActionSchemas.PROTOCOL_FIELD);
    return Values.make()
        .protocol(
            version(p, "minReaderVersion", logFile),
            version(p, "minWriterVersion", logFile),
            p.get("readerFeatures") instanceof List
                ? Set.copyOf((List<String>) p.get("readerFeatures"))
                : Set.of(),
            p.get("writerFeatures") instanceof List
                ? Set.copyOf((List<String>) p.get("writerFeatures"))
                : Set.of());
  }

  private static int version(Map<String, Object> protocol, String field, String logFile) {
    Object v = protocol.get(field);
    if (v instanceof Long && (Long) v == ((Long) v).intValue()) {
      return ((Long) v).intValue();
    }
    throw Errors.invalidProtocolVersion(logFile, field, v);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> strings(Object o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o instanceof Map) {
      ((Map<String, Object>) o).forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
    }
    return out;
  }

  /**
   * Rows written under {@code schema} can be read under {@code endSchema}: every column of the
   * older schema is still there with the same type, none became non-nullable, and columns added
   * since are nullable.
   */
  private static void checkReadable(
      String table, long start, long end, long version, StructType schema, StructType endSchema) {
    Optional<String> why = incompatibility(schema, endSchema, "version " + end);
    if (why.isPresent()) {
      throw Errors.changesIncompatibleSchema(table, start, end, version, why.get());
    }
  }

  /**
   * Why rows written under {@code schema} cannot be read under {@code readSchema}, if they cannot:
   * a column of the older schema is gone or has another type, became not null, or a column added
   * since is not null.
   *
   * @param readSchemaIs how to name where {@code readSchema} comes from, e.g. {@code version 7}
   */
  static Optional<String> incompatibility(
      StructType schema, StructType readSchema, String readSchemaIs) {
    for (StructField old : schema.getFields()) {
      Optional<StructField> now = readSchema.get(old.getName());
      if (now.isEmpty()) {
        return Optional.of(
            "column `" + old.getName() + "` is not in the schema at " + readSchemaIs);
      }
      if (!now.get().getDataType().equivalent(old.getDataType())) {
        return Optional.of(
            "column `"
                + old.getName()
                + "` is "
                + old.getDataType()
                + " there and "
                + now.get().getDataType()
                + " at "
                + readSchemaIs);
      }
      if (old.isNullable() && !now.get().isNullable()) {
        return Optional.of(
            "column `" + old.getName() + "` is nullable there and not null at " + readSchemaIs);
      }
    }
    for (StructField f : readSchema.getFields()) {
      if (schema.get(f.getName()).isEmpty() && !f.isNullable()) {
        return Optional.of(
            "column `" + f.getName() + "` is missing there and not null at " + readSchemaIs);
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> readActions(Engine engine, FileStatus f) {
    String text;
    try (InputStream in = engine.getFileSystemClient().open(f.getPath())) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.engineFailure("read", f.getPath(), e);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    int line = 0;
    for (String l : text.split("\n")) {
      line++;
      if (l.isBlank()) {
        continue;
      }
      try {
        out.add((Map<String, Object>) Json.parse(l));
      } catch (Json.JsonSyntaxException | ClassCastException e) {
        throw Errors.malformedJson(f.getPath(), line, e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public Optional<Predicate> getRemainingFilter() {
    return remainingFilter;
  }

  @Override
  public long getStartVersion() {
    return start;
  }

  @Override
  public long getEndVersion() {
    return end;
  }

  @Override
  public StructType getSchema() {
    return schema;
  }

  /** One file to read for one commit, and how its rows become changes; serializable as JSON. */
  private static final class Read {
    final long version;
    final long timestampMillis;
    final Row file;
    final boolean changeDataFile;

    /**
     * For data files: the change type of its rows; for change data files, null (a column of the
     * file).
     */
    final String changeType;

    /**
     * Positions whose rows are the changes, for a deletion vector change; null for all live rows.
     */
    final RoaringBitmapArray positions;

    Read(
        Commit commit,
        Row file,
        boolean changeDataFile,
        String changeType,
        RoaringBitmapArray positions) {
      this(commit.version, commit.timestampMillis, file, changeDataFile, changeType, positions);
    }

    Read(
        long version,
        long timestampMillis,
        Row file,
        boolean changeDataFile,
        String changeType,
        RoaringBitmapArray positions) {
      this.version = version;
      this.timestampMillis = timestampMillis;
      this.file = file;
      this.changeDataFile = changeDataFile;
      this.changeType = changeType;
      this.positions = positions;
    }

    String toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", version);
      m.put("timestamp", timestampMillis);
      m.put("kind", changeDataFile ? "cdc" : changeType);
      if (positions != null) {
        m.put("positions", java.util.Base64.getEncoder().encodeToString(positions.serialize()));
      }
      m.put("file", ScanFileCodec.toMap(file, ScanFile.SCHEMA));
      return Json.toJson(m);
    }

    @SuppressWarnings("unchecked")
    static Read fromJson(String json) {
      try {
        Map<String, Object> m = (Map<String, Object>) Json.parse(json);
        String kind = (String) m.get("kind");
        if (!List.of("cdc", "insert", "delete").contains(kind)) {
          throw new IllegalArgumentException("kind " + kind);
        }
        RoaringBitmapArray positions =
            m.get("positions") instanceof String
                ? RoaringBitmapArray.deserialize(
                    java.util.Base64.getDecoder().decode((String) m.get("positions")))
                : null;
        return new Read(
            (Long) m.get("version"),
            (Long) m.get("timestamp"),
            ScanFileCodec.fromAction((Map<String, Object>) m.get("file")),
            kind.equals("cdc"),
            kind.equals("cdc") ? null : kind,
            positions);
      } catch (RuntimeException e) {
        throw new dev.keel.kernel.exceptions.KernelException(
            "Cannot read a change file from `"
                + (json.length() > 100 ? json.substring(0, 100) + "..." : json)
                + "`: it was not written by Changes.getChangeFiles ("
                + e
                + ").",
            e);
      }
    }
  }

  @Override
  public List<String> getChangeFiles(Engine engine) {
    List<String> out = new ArrayList<>();
    for (Commit c : commits) {
      for (Read r : reads(engine, c)) {
        out.add(r.toJson());
      }
    }
    return out;
  }

  @Override
  public String getStateJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", dataState.toJson());
    m.put("cdc", cdcState.toJson());
    return Json.toJson(m);
  }

  /** See {@link Changes#readChangeFile}. */
  @SuppressWarnings("unchecked")
  public static CloseableIterator<FilteredColumnarBatch> readChangeFile(
      Engine engine, String stateJson, String changeFileJson) {
    Map<String, Object> state;
    try {
      state = (Map<String, Object>) Json.parse(stateJson);
    } catch (RuntimeException e) {
      throw new dev.keel.kernel.exceptions.KernelException(
          "Cannot read a changes state from `"
              + stateJson
              + "`: it was not written by Changes.getStateJson.",
          e);
    }
    return read(
        engine,
        ScanState.fromJson((String) state.get("data")),
        ScanState.fromJson((String) state.get("cdc")),
        Read.fromJson(changeFileJson));
  }

  @Override
  public CloseableIterator<FilteredColumnarBatch> readData(Engine engine) {
    return CloseableIterator.of(commits)
        .flatMap(
            c ->
                CloseableIterator.of(reads(engine, c))
                    .flatMap(r -> read(engine, dataState, cdcState, r)));
  }

  /** What to read for a commit, less the files the partition filter rules out. */
  private List<Read> reads(Engine engine, Commit c) {
    List<Read> all = unfilteredReads(engine, c);
    if (partitionFilter.isEmpty() || all.isEmpty()) {
      return all;
    }
    int n = all.size();
    List<ColumnVector> columns = new ArrayList<>();
    for (StructField f : partitionSchema.getFields()) {
      String physical =
          dataState.getPartitionPhysicalNames().getOrDefault(f.getName(), f.getName());
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        Row file = all.get(i).file;
        String raw = null;
        if (!file.isNullAt(ScanFile.PARTITION_VALUES)) {
          dev.keel.kernel.data.MapValue m = file.getMap(ScanFile.PARTITION_VALUES);
          for (int j = 0; j < m.getSize(); j++) {
            String key = m.getKeys().getString(j);
            if (key.equals(physical) || key.equals(f.getName())) {
              raw = m.getValues().isNullAt(j) ? null : m.getValues().getString(j);
            }
          }
        }
        values[i] =
            PartitionValues.parse(f.getName(), raw, f.getDataType()).getValue().orElse(null);
      }
      columns.add(new ObjectVector(f.getDataType(), values));
    }
    List<Read> kept = new ArrayList<>();
    try (PredicateEvaluator evaluator =
            engine
                .getExpressionHandler()
                .getPredicateEvaluator(partitionSchema, partitionFilter.get());
        ColumnarBatch batch = new Batches.VectorBatch(partitionSchema, columns, n, List.of());
        ColumnVector selected = evaluator.eval(batch, Optional.empty())) {
      for (int i = 0; i < n; i++) {
        if (!selected.isNullAt(i) && selected.getBoolean(i)) {
          kept.add(all.get(i));
        }
      }
    }
    return kept;
  }

  /** What to read for a commit: its change data files, or its added and removed files. */
  private List<Read> unfilteredReads(Engine engine, Commit c) {
    List<Read> out = new ArrayList<>();
    if (!c.cdcs.isEmpty()) {
      for (Map<String, Object> cdc : c.cdcs) {
        out.add(new Read(c, ScanFileCodec.fromAction(cdc), true, null, null));
      }
      return out;
    }
    Map<String, Map<String, Object>> removedByPath = new HashMap<>();
    for (Map<String, Object> r : c.removes) {
      if (!Boolean.FALSE.equals(r.get("dataChange"))) {
        removedByPath.put((String) r.get("path"), r);
      }
    }
    for (Map<String, Object> a : c.adds) {
      if (Boolean.FALSE.equals(a.get("dataChange"))) {
        continue;
      }
      Map<String, Object> removed = removedByPath.remove((String) a.get("path"));
      if (removed == null) {
        out.add(new Read(c, ScanFileCodec.fromAction(a), false, "insert", null));
        continue;
      }
      // the same file with another deletion vector: the rows it deletes now, and restores
      Row added = ScanFileCodec.fromAction(a);
      Row before = ScanFileCodec.fromAction(removed);
      RoaringBitmapArray now = deleted(engine, added);
      RoaringBitmapArray then = deleted(engine, before);
      RoaringBitmapArray newlyDeleted = difference(now, then);
      RoaringBitmapArray restored = difference(then, now);
      Row plain = withoutDeletionVector(a);
      if (newlyDeleted.cardinality() > 0) {
        out.add(new Read(c, plain, false, "delete", newlyDeleted));
      }
      if (restored.cardinality() > 0) {
        out.add(new Read(c, plain, false, "insert", restored));
      }
    }
    for (Map<String, Object> r : removedByPath.values()) {
      out.add(new Read(c, ScanFileCodec.fromAction(r), false, "delete", null));
    }
    return out;
  }

  private RoaringBitmapArray deleted(Engine engine, Row file) {
    if (file.isNullAt(ScanFile.DELETION_VECTOR)) {
      return RoaringBitmapArray.of(new long[0]);
    }
    return DeletionVectors.load(
        engine,
        tablePath,
        file.getStruct(ScanFile.DELETION_VECTOR),
        dev.keel.kernel.internal.scan.DataFilePaths.absolute(tablePath, ScanFile.getPath(file)));
  }

  private static RoaringBitmapArray difference(RoaringBitmapArray a, RoaringBitmapArray b) {
    List<Long> out = new ArrayList<>();
    for (long x : a.toArray()) {
      if (!b.contains(x)) {
        out.add(x);
      }
    }
    return RoaringBitmapArray.of(out.stream().mapToLong(Long::longValue).toArray());
  }

  private static Row withoutDeletionVector(Map<String, Object> add) {
    Map<String, Object> copy = new LinkedHashMap<>(add);
    copy.remove("deletionVector");
    return ScanFileCodec.fromAction(copy);
  }

  /** Reads one file of a commit, as change rows of the output schema. */
  private static CloseableIterator<FilteredColumnarBatch> read(
      Engine engine, ScanState dataState, ScanState cdcState, Read r) {
    CloseableIterator<FilteredColumnarBatch> batches =
        ScanFileReader.read(engine, r.changeDataFile ? cdcState : dataState, r.file);
    long[] position = {0};
    return batches.map(
        b -> {
          ColumnarBatch data = b.getData();
          int n = data.getSize();
          Optional<ColumnVector> selection = b.getSelectionVector();
          if (r.positions != null) {
            boolean[] keep = new boolean[n];
            for (int i = 0; i < n; i++) {
              keep[i] = r.positions.contains(position[0] + i);
            }
            selection.ifPresent(ColumnVector::close);
            selection =
                Optional.of(engine.getExpressionHandler().createSelectionVector(keep, 0, n));
          }
          position[0] += n;
          ColumnarBatch out = data;
          if (!r.changeDataFile) {
            out =
                out.withNewColumn(
                    out.getSchema().length(),
                    new StructField(CHANGE_TYPE, DataTypes.STRING, true),
                    new ConstantColumnVector(Literal.ofString(r.changeType), n));
          }
          out =
              out.withNewColumn(
                  out.getSchema().length(),
                  new StructField(COMMIT_VERSION, DataTypes.LONG, true),
                  new ConstantColumnVector(Literal.ofLong(r.version), n));
          out =
              out.withNewColumn(
                  out.getSchema().length(),
                  new StructField(COMMIT_TIMESTAMP, DataTypes.TIMESTAMP, true),
                  new ConstantColumnVector(Literal.ofTimestamp(r.timestampMillis * 1000), n));
          return new FilteredColumnarBatch(out, selection);
        });
  }

  @Override
  public String toString() {
    return "Changes{table=" + tablePath + ", versions " + start + " to " + end + "}";
  }
}
