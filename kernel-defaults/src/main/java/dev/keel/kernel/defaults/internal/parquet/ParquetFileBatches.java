package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.defaults.internal.arrow.ArrowBatch;
import dev.keel.kernel.defaults.internal.arrow.BatchBuilder;
import dev.keel.kernel.defaults.internal.fs.LocalFileSystemClient;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.schema.MessageType;

/**
 * The batches of one Parquet file. Opens the file lazily, skips row groups whose statistics
 * refute the predicate hint, and decodes at most {@code batchSize} rows per batch straight into
 * Arrow vectors.
 */
final class ParquetFileBatches implements CloseableIterator<FileReadResult> {
  private final String path;
  private final StructType schema;
  private final Optional<Predicate> predicate;
  private final Configuration conf;
  private final dev.keel.kernel.engine.FileSystemClient fs;
  private final BufferAllocator allocator;
  private final int batchSize;
  private final int decodeThreads;

  private ParquetFileReader reader;
  /** With column groups: per group its own reader (the first is {@link #reader}); per column unit its group. */
  private ParquetFileReader[] groupReaders;
  private int[] unitGroup;
  private ReadPlan plan;
  private MessageColumnIO columnIO;
  private RecordReader<Object> records;
  private org.apache.parquet.column.ColumnReader[] flatReaders;
  private FlatColumnDecoder[] decoders;
  private MapColumnDecoder[] mapDecoders;
  private int[] flatMaxDefinition;
  private String createdBy;
  private List<BlockMetaData> blocks;
  private int nextBlock;
  private long rowsLeftInGroup;
  private long nextRowIndex;
  private boolean done;
  private FileReadResult pending;

  /**
   * @param decodeThreads on how many threads at most one batch's columns are decoded (1: on the
   *     caller's only); used when the file's columns are all decoded column by column
   */
  ParquetFileBatches(String path, StructType schema, Optional<Predicate> predicate, Configuration conf,
      dev.keel.kernel.engine.FileSystemClient fs, BufferAllocator allocator, int batchSize, int decodeThreads) {
    this.path = path;
    this.schema = schema;
    this.predicate = predicate;
    this.conf = conf;
    this.fs = fs;
    this.allocator = allocator;
    this.batchSize = batchSize;
    this.decodeThreads = decodeThreads;
  }

  /** Native readers for the default file system client; ranged reads through any other client. */
  static InputFile inputFile(String path, Configuration conf, dev.keel.kernel.engine.FileSystemClient fs) throws IOException {
    if (!(fs instanceof dev.keel.kernel.defaults.internal.fs.DefaultFileSystemClient)) {
      return FileSystemFiles.input(fs, path);
    }
    if (LocalFileSystemClient.handles(path)) {
      return new LocalInputFile(java.nio.file.Paths.get(path.startsWith("file:")
          ? path.replaceFirst("^file:(//)?", "") : path));
    }
    return HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(path), conf);
  }

  private void open() {
    try {
      InputFile in = inputFile(path, conf, fs);
      MessageType fileSchema;
      try (ParquetFileReader footerOnly = ParquetFileReader.open(in, HadoopReadOptions.builder(conf).build())) {
        fileSchema = footerOnly.getFooter().getFileMetaData().getSchema();
      }
      Optional<FilterPredicate> filter = predicate.flatMap(p -> ParquetFilters.convert(p, fileSchema));
      // Each reader gets options of its own: their codec factory (and its decompressors) is not thread-safe.
      java.util.function.Supplier<ParquetReadOptions> readOptions = () -> {
        ParquetReadOptions.Builder options = HadoopReadOptions.builder(conf)
            .useStatsFilter(true)
            .useDictionaryFilter(false)
            .useRecordFilter(false)
            .useColumnIndexFilter(false)
            .useBloomFilter(false);
        filter.ifPresent(f -> options.withRecordFilter(FilterCompat.get(f)));
        return options.build();
      };
      reader = ParquetFileReader.open(in, readOptions.get());
      plan = ReadPlan.create(path, schema, fileSchema);
      createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      if (plan.requestedSchema != null) {
        reader.setRequestedSchema(plan.requestedSchema);
      }
      if (plan.recordSchema != null) {
        columnIO = new ColumnIOFactory(createdBy).getColumnIO(plan.recordSchema, fileSchema, true);
      }
      blocks = reader.getRowGroups();
      int units = plan.columnar.size() + plan.columnarMaps.size();
      if (decodeThreads > 1 && units > 1 && columnIO == null && plan.flatColumns.isEmpty() && plan.shredded.isEmpty()
          && plan.requestedSchema != null && !blocks.isEmpty()) {
        splitColumns(in, readOptions, Math.min(decodeThreads, units));
      }
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      throw Errors.engineFailure("open Parquet file", path, e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof KernelException) {
        throw (KernelException) e;
      }
      throw Errors.malformedParquet(path, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }
  }

  /** The leaf paths of column unit {@code u}: a columnar leaf, or a map's key and value. */
  private List<String[]> leavesOf(int u) {
    int columns = plan.columnar.size();
    if (u < columns) {
      return List.<String[]>of(plan.columnar.get(u).path);
    }
    ReadPlan.ColumnarMap m = plan.columnarMaps.get(u - columns);
    return m.valuePath == null ? List.<String[]>of(m.keyPath) : List.<String[]>of(m.keyPath, m.valuePath);
  }

  /**
   * Splits the column units into {@code groups} of about equal uncompressed size (as in the first
   * row group), each read through a reader of its own: see {@link ColumnGroups}.
   */
  private void splitColumns(InputFile in, java.util.function.Supplier<ParquetReadOptions> options, int groups) throws IOException {
    int units = plan.columnar.size() + plan.columnarMaps.size();
    java.util.Map<org.apache.parquet.hadoop.metadata.ColumnPath, Long> sizes = new java.util.HashMap<>();
    for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData c : blocks.get(0).getColumns()) {
      sizes.put(c.getPath(), c.getTotalUncompressedSize());
    }
    long[] weights = new long[units];
    for (int u = 0; u < units; u++) {
      for (String[] leaf : leavesOf(u)) {
        weights[u] += sizes.getOrDefault(org.apache.parquet.hadoop.metadata.ColumnPath.get(leaf), 1L);
      }
    }
    int[] assigned = ColumnGroups.assign(weights, groups);
    ParquetFileReader[] readers = new ParquetFileReader[groups];
    readers[0] = reader;
    try {
      for (int g = 0; g < groups; g++) {
        List<String[]> leaves = new java.util.ArrayList<>();
        for (int u = 0; u < units; u++) {
          if (assigned[u] == g) {
            leaves.addAll(leavesOf(u));
          }
        }
        if (g > 0) {
          readers[g] = ParquetFileReader.open(in, options.get());
        }
        readers[g].setRequestedSchema(ColumnGroups.project(plan.requestedSchema, leaves));
      }
    } catch (IOException | RuntimeException e) {
      for (int g = 1; g < groups; g++) {
        if (readers[g] != null) {
          readers[g].close();
        }
      }
      throw e;
    }
    groupReaders = readers;
    unitGroup = assigned;
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !done) {
      pending = readBatch();
      if (pending == null) {
        done = true;
        closeReader();
      }
    }
    return pending != null;
  }

  @Override
  public FileReadResult next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    FileReadResult r = pending;
    pending = null;
    return r;
  }

  private FileReadResult readBatch() {
    if (reader == null) {
      open();
    }
    try {
      while (rowsLeftInGroup == 0) {
        if (nextBlock >= blocks.size()) {
          return null;
        }
        BlockMetaData block = blocks.get(nextBlock++);
        PageReadStore pages = reader.readNextRowGroup();
        if (pages == null) {
          return null;
        }
        PageReadStore[] groupPages = null;
        if (groupReaders != null) {
          groupPages = new PageReadStore[groupReaders.length];
          groupPages[0] = pages;
          for (int g = 1; g < groupPages.length; g++) {
            groupPages[g] = groupReaders[g].readNextRowGroup();
            if (groupPages[g] == null || groupPages[g].getRowCount() != pages.getRowCount()) {
              throw new ParquetDecodingException("the readers of one file's column groups disagree on row group " + (nextBlock - 1));
            }
          }
        }
        rowsLeftInGroup = pages.getRowCount();
        nextRowIndex = pages.getRowIndexOffset().orElse(block.getRowIndexOffset());
        if (columnIO != null) {
          records = columnIO.getRecordReader(pages, new Materializer(plan.root), FilterCompat.NOOP);
        }
        openDecoders(pages, groupPages);
        if (!plan.flatColumns.isEmpty()) {
          org.apache.parquet.column.impl.ColumnReadStoreImpl store = new org.apache.parquet.column.impl.ColumnReadStoreImpl(
              pages, plan.columnRoot, plan.requestedSchema, createdBy);
          flatReaders = new org.apache.parquet.column.ColumnReader[plan.flatColumns.size()];
          flatMaxDefinition = new int[flatReaders.length];
          for (int c = 0; c < flatReaders.length; c++) {
            org.apache.parquet.column.ColumnDescriptor d = plan.requestedSchema.getColumnDescription(plan.flatColumns.get(c));
            flatReaders[c] = store.getColumnReader(d);
            flatMaxDefinition[c] = d.getMaxDefinitionLevel();
          }
        }
      }
      int n = (int) Math.min(batchSize, rowsLeftInGroup);
      try (BatchBuilder builder = new BatchBuilder(allocator, "parquet-batch", schema, n)) {
        org.apache.arrow.vector.FieldVector[] vectors = builder.vectors();
        org.apache.arrow.vector.FieldVector[] aux = new org.apache.arrow.vector.FieldVector[plan.shredded.size()];
        if (aux.length > 0) {
          vectors = java.util.Arrays.copyOf(vectors, vectors.length + aux.length);
          for (int a = 0; a < aux.length; a++) {
            aux[a] = dev.keel.kernel.defaults.internal.arrow.ArrowTypes.newVector("shredded", plan.shredded.get(a).readType, true,
                builder.allocator());
            aux[a].allocateNew();
            vectors[builder.vectors().length + a] = aux[a];
          }
        }
        plan.bind(vectors);
        if (records != null) {
          for (int i = 0; i < n; i++) {
            records.read();
          }
        }
        if (flatReaders != null) {
          // Column by column: each flat column is decoded in its own loop, without record assembly.
          for (int c = 0; c < flatReaders.length; c++) {
            org.apache.parquet.column.ColumnReader r = flatReaders[c];
            int maxDefinition = flatMaxDefinition[c];
            for (int i = 0; i < n; i++) {
              if (r.getCurrentDefinitionLevel() == maxDefinition) {
                plan.flatRow = i;
                r.writeCurrentValueToConverter();
              }
              r.consume();
            }
          }
        }
        if (groupReaders == null) {
          decodeGroup(-1, vectors, n);
        } else {
          decodeInGroups(vectors, n);
        }
        for (int a = 0; a < aux.length; a++) {
          try {
            rebuildVariants(plan.shredded.get(a), aux[a], builder.vectors()[plan.shredded.get(a).ordinal], n);
          } finally {
            aux[a].close();
          }
        }
        if (plan.rowIndexOrdinal >= 0) {
          BigIntVector rowIndex = (BigIntVector) builder.vectors()[plan.rowIndexOrdinal];
          for (int i = 0; i < n; i++) {
            rowIndex.setSafe(i, nextRowIndex + i);
          }
        }
        rowsLeftInGroup -= n;
        nextRowIndex += n;
        ArrowBatch batch = builder.build(n);
        return new FileReadResult(batch, path);
      }
    } catch (ParquetDecodingException | IOException e) {
      throw Errors.malformedParquet(path, e.getMessage(), e);
    }
  }

  /** Decodes the column units of group {@code group} (-1: all of them) into the batch's vectors. */
  private void decodeGroup(int group, org.apache.arrow.vector.FieldVector[] vectors, int n) {
    for (int c = 0; c < decoders.length; c++) {
      if (group < 0 || unitGroup[c] == group) {
        ReadPlan.Columnar leaf = plan.columnar.get(c);
        decoders[c].read(leaf.vector.apply(vectors), leaf.structs.vectors(vectors), leaf.structs.levels, n);
      }
    }
    for (int c = 0; c < mapDecoders.length; c++) {
      if (group < 0 || unitGroup[decoders.length + c] == group) {
        ReadPlan.ColumnarMap m = plan.columnarMaps.get(c);
        mapDecoders[c].read((org.apache.arrow.vector.complex.ListVector) m.vector.apply(vectors),
            m.structs.vectors(vectors), m.structs.levels, n);
      }
    }
  }

  /**
   * Decodes the groups at once: the first on this thread, the others on decoder threads. Returns
   * only once every group has finished (the vectors are not to be touched after), then throws the
   * first failure.
   */
  private void decodeInGroups(org.apache.arrow.vector.FieldVector[] vectors, int n) {
    List<java.util.concurrent.Future<?>> others = new java.util.ArrayList<>();
    for (int g = 1; g < groupReaders.length; g++) {
      int group = g;
      others.add(ColumnGroups.DECODERS.submit(() -> decodeGroup(group, vectors, n)));
    }
    Throwable failure = null;
    try {
      decodeGroup(0, vectors, n);
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    boolean interrupted = false;
    for (java.util.concurrent.Future<?> f : others) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // wait on: the task still writes into this batch's vectors
        } catch (java.util.concurrent.ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  /**
   * The column-by-column decoders of one row group: leaves and maps reached through structs only.
   *
   * @param groupPages with column groups, each group's pages (a unit's come from its group's); else null
   */
  private void openDecoders(PageReadStore pages, PageReadStore[] groupPages) {
    decoders = new FlatColumnDecoder[plan.columnar.size()];
    for (int c = 0; c < decoders.length; c++) {
      ReadPlan.Columnar leaf = plan.columnar.get(c);
      org.apache.parquet.column.ColumnDescriptor d = plan.requestedSchema.getColumnDescription(leaf.path);
      PageReadStore source = groupPages == null ? pages : groupPages[unitGroup[c]];
      decoders[c] = new FlatColumnDecoder(d, leaf.kind, source.getPageReader(d), createdBy);
    }
    mapDecoders = new MapColumnDecoder[plan.columnarMaps.size()];
    for (int c = 0; c < mapDecoders.length; c++) {
      ReadPlan.ColumnarMap m = plan.columnarMaps.get(c);
      PageReadStore pagesOfMap = groupPages == null ? pages : groupPages[unitGroup[decoders.length + c]];
      org.apache.parquet.column.ColumnDescriptor k = plan.requestedSchema.getColumnDescription(m.keyPath);
      FlatColumnDecoder values = null;
      if (m.valuePath != null) {
        org.apache.parquet.column.ColumnDescriptor v = plan.requestedSchema.getColumnDescription(m.valuePath);
        values = new FlatColumnDecoder(v, m.valueKind, pagesOfMap.getPageReader(v), createdBy);
      }
      mapDecoders[c] = new MapColumnDecoder(new FlatColumnDecoder(k, m.keyKind, pagesOfMap.getPageReader(k), createdBy),
          values, m.mapLevel, String.join(".", java.util.Arrays.copyOf(m.keyPath, m.keyPath.length - 2)));
    }
  }

  private final ShreddedVariants.Dictionaries dictionaries = new ShreddedVariants.Dictionaries();

  /** Writes the variant (metadata, value) pairs rebuilt from a shredded column's auxiliary vector. */
  private void rebuildVariants(ReadPlan.Shredded spec, org.apache.arrow.vector.FieldVector aux,
      org.apache.arrow.vector.FieldVector target, int n) {
    aux.setValueCount(n);
    dev.keel.kernel.data.ColumnVector shredded = new dev.keel.kernel.defaults.internal.arrow.ArrowColumnVector(spec.readType, aux, false);
    org.apache.arrow.vector.complex.StructVector variant = (org.apache.arrow.vector.complex.StructVector) target;
    org.apache.arrow.vector.VarBinaryVector metadataOut = (org.apache.arrow.vector.VarBinaryVector) variant.getChildByOrdinal(0);
    org.apache.arrow.vector.VarBinaryVector valueOut = (org.apache.arrow.vector.VarBinaryVector) variant.getChildByOrdinal(1);
    int metadataOrdinal = spec.readType.indexOf("metadata");
    for (int i = 0; i < n; i++) {
      if (shredded.isNullAt(i)) {
        variant.setNull(i);
        continue;
      }
      byte[] metadata = shredded.getChild(metadataOrdinal).getBinary(i);
      byte[] value = ShreddedVariants.rebuild(shredded, i, spec.readType, metadata, dictionaries.of(metadata));
      variant.setIndexDefined(i);
      metadataOut.setSafe(i, metadata);
      valueOut.setSafe(i, value == null ? dev.keel.kernel.internal.variant.VariantEncoder.nullValue() : value);
    }
  }

  private void closeReader() {
    if (reader != null) {
      try (ParquetFileReader first = reader) {
        if (groupReaders != null) {
          for (int g = 1; g < groupReaders.length; g++) {
            groupReaders[g].close();
          }
        }
      } catch (IOException e) {
        throw Errors.engineFailure("close Parquet file", path, e);
      } finally {
        reader = null;
        groupReaders = null;
      }
    }
  }

  @Override
  public void close() {
    done = true;
    if (pending != null) {
      pending.close();
      pending = null;
    }
    closeReader();
  }

  /** Materializes nothing: the converters write into the batch's vectors. */
  private static final class Materializer extends RecordMaterializer<Object> {
    private final GroupConverter root;

    Materializer(GroupConverter root) {
      this.root = root;
    }

    @Override
    public Object getCurrentRecord() {
      return null;
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }
  }
}
