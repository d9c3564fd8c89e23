package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.defaults.internal.arrow.ArrowBatch;
import dev.keel.kernel.defaults.internal.arrow.BatchBuilder;
import dev.keel.kernel.defaults.internal.fs.LocalFileSystemClient;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.util.LookAheadIterator;
import dev.keel.kernel.types.StructType;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopCodecs;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * The batches of one Parquet file. Opens the file lazily, skips row groups whose statistics refute
 * the predicate hint, and decodes at most {@code batchSize} rows per batch straight into Arrow
 * vectors.
 */
final class ParquetFileBatches extends LookAheadIterator<FileReadResult> {
  private final String path;
  private final StructType schema;
  private final Optional<Predicate> predicate;
  private final Configuration conf;
  private final dev.keel.kernel.engine.FileSystemClient fs;
  private final BufferAllocator allocator;
  private final int batchSize;
  // the byte range whose row groups (by midpoint) are read; the whole file by default
  private final long rangeStart;
  private final long rangeEnd;

  private ParquetFileReader reader;
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

  ParquetFileBatches(
      String path,
      StructType schema,
      Optional<Predicate> predicate,
      Configuration conf,
      dev.keel.kernel.engine.FileSystemClient fs,
      BufferAllocator allocator,
      int batchSize) {
    this(path, schema, predicate, conf, fs, allocator, batchSize, 0, Long.MAX_VALUE);
  }

  ParquetFileBatches(
      String path,
      StructType schema,
      Optional<Predicate> predicate,
      Configuration conf,
      dev.keel.kernel.engine.FileSystemClient fs,
      BufferAllocator allocator,
      int batchSize,
      long rangeStart,
      long rangeEnd) {
    this.rangeStart = rangeStart;
    this.rangeEnd = rangeEnd;
    this.path = path;
    this.schema = schema;
    this.predicate = predicate;
    this.conf = conf;
    this.fs = fs;
    this.allocator = allocator;
    this.batchSize = batchSize;
  }

  /** Native readers for the default file system client; ranged reads through any other client. */
  static InputFile inputFile(
      String path, Configuration conf, dev.keel.kernel.engine.FileSystemClient fs)
      throws IOException {
    if (!(fs instanceof dev.keel.kernel.defaults.internal.fs.DefaultFileSystemClient)
        || !((dev.keel.kernel.defaults.internal.fs.DefaultFileSystemClient) fs).isNative(path)) {
      return FileSystemFiles.input(fs, path);
    }
    if (LocalFileSystemClient.handles(path)) {
      java.nio.file.Path local =
          java.nio.file.Paths.get(
              path.startsWith("file:") ? path.replaceFirst("^file:(//)?", "") : path);
      return new LocalInputFile(local) {
        @Override
        public String toString() {
          return local.toString(); // Parquet's messages name the file by it
        }
      };
    }
    return HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(path), conf);
  }

  private void open() {
    try {
      InputFile in = inputFile(path, conf, fs);
      // One stream and one footer read: the footer gives the schema the filter is converted
      // against, and the reader built on it skips the row groups that filter refutes.
      org.apache.parquet.io.SeekableInputStream stream = in.newStream();
      org.apache.parquet.hadoop.metadata.ParquetMetadata footer;
      try {
        footer = ParquetFileReader.readFooter(in, rangeOf(HadoopReadOptions.builder(conf)), stream);
        MessageType footerSchema = footer.getFileMetaData().getSchema();
        ParquetReadOptions.Builder options =
            HadoopReadOptions.builder(conf)
                .withCodecFactory(new PageCodecs(HadoopCodecs.newFactory(conf, 0)))
                .useStatsFilter(true)
                .useDictionaryFilter(false)
                .useRecordFilter(false)
                .useColumnIndexFilter(false)
                .useBloomFilter(false);
        if (rangeStart > 0 || rangeEnd < Long.MAX_VALUE) {
          options.withRange(rangeStart, rangeEnd);
        }
        Optional<FilterPredicate> filter =
            predicate.flatMap(p -> ParquetFilters.convert(p, footerSchema));
        filter.ifPresent(f -> options.withRecordFilter(FilterCompat.get(f)));
        reader =
            new ParquetFileReader(
                in, footer, options.build(), stream); // the reader closes the stream
      } finally {
        if (reader == null) {
          stream.close();
        }
      }
      MessageType fileSchema = footer.getFileMetaData().getSchema();
      plan = ReadPlan.create(path, schema, fileSchema);
      createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      if (plan.requestedSchema != null) {
        reader.setRequestedSchema(plan.requestedSchema);
      }
      if (plan.recordSchema != null) {
        columnIO = new ColumnIOFactory(createdBy).getColumnIO(plan.recordSchema, fileSchema, true);
      }
      blocks = reader.getRowGroups();
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      throw Errors.engineFailure("open Parquet file", path, e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof KernelException) {
        throw (KernelException) e;
      }
      throw Errors.malformedParquet(
          path, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }
  }

  /** Read options that keep the row groups whose midpoint lies in the range. */
  private ParquetReadOptions rangeOf(ParquetReadOptions.Builder options) {
    if (rangeStart > 0 || rangeEnd < Long.MAX_VALUE) {
      options.withRange(rangeStart, rangeEnd);
    }
    return options.build();
  }

  @Override
  protected FileReadResult computeNext() {
    if (done) {
      return null;
    }
    FileReadResult r = readBatch();
    if (r == null) {
      done = true;
      closeReader();
    }
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
        int index = nextBlock++;
        BlockMetaData block = blocks.get(index);
        if (block.getRowCount() == 0) {
          continue;
        }
        // The last row group's pages are let go before the next is read (readRowGroup, unlike
        // readNextRowGroup, keeps no reference in the reader): at most one row group's column
        // chunks are on the heap at a time.
        records = null;
        decoders = null;
        mapDecoders = null;
        flatReaders = null;
        // parquet-column's readers (record assembly, top-level columns) allocate what a delta
        // header claims: those headers are checked first
        PageReadStore pages = new DeltaCheckedPages(reader.readRowGroup(index));
        rowsLeftInGroup = pages.getRowCount();
        nextRowIndex = pages.getRowIndexOffset().orElse(block.getRowIndexOffset());
        if (columnIO != null) {
          records = columnIO.getRecordReader(pages, new Materializer(plan.root), FilterCompat.NOOP);
        }
        openDecoders(pages);
        if (!plan.flatColumns.isEmpty()) {
          org.apache.parquet.column.impl.ColumnReadStoreImpl store =
              new org.apache.parquet.column.impl.ColumnReadStoreImpl(
                  pages, plan.columnRoot, plan.requestedSchema, createdBy);
          flatReaders = new org.apache.parquet.column.ColumnReader[plan.flatColumns.size()];
          flatMaxDefinition = new int[flatReaders.length];
          for (int c = 0; c < flatReaders.length; c++) {
            org.apache.parquet.column.ColumnDescriptor d =
                plan.requestedSchema.getColumnDescription(plan.flatColumns.get(c));
            flatReaders[c] = store.getColumnReader(d);
            flatMaxDefinition[c] = d.getMaxDefinitionLevel();
          }
        }
      }
      int n = (int) Math.min(batchSize, rowsLeftInGroup);
      try (BatchBuilder builder = new BatchBuilder(allocator, "parquet-batch", schema, n)) {
        org.apache.arrow.vector.FieldVector[] vectors = builder.vectors();
        org.apache.arrow.vector.FieldVector[] aux =
            new org.apache.arrow.vector.FieldVector[plan.shredded.size()];
        if (aux.length > 0) {
          vectors = java.util.Arrays.copyOf(vectors, vectors.length + aux.length);
          for (int a = 0; a < aux.length; a++) {
            aux[a] =
                dev.keel.kernel.defaults.internal.arrow.ArrowTypes.newVector(
                    "shredded", plan.shredded.get(a).readType, true, builder.allocator());
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
        structPresence.clear();
        for (int c = 0; c < decoders.length; c++) {
          ReadPlan.Columnar leaf = plan.columnar.get(c);
          decoders[c].read(
              leaf.vector.apply(vectors),
              leaf.structs.vectors(vectors),
              leaf.structs.levels,
              leaf.structs.claims,
              n);
          structPresence.add(
              decoders[c].marks, leaf.structs.names, leaf.structs.claimers, leaf.name);
        }
        for (int c = 0; c < mapDecoders.length; c++) {
          ReadPlan.ColumnarMap m = plan.columnarMaps.get(c);
          mapDecoders[c].read(
              (org.apache.arrow.vector.complex.ListVector) m.vector.apply(vectors),
              m.structs.vectors(vectors),
              m.structs.levels,
              m.structs.claims,
              n);
          structPresence.add(mapDecoders[c].marks(), m.structs.names, m.structs.claimers, m.path);
        }
        structPresence.check(n);
        for (int a = 0; a < aux.length; a++) {
          try {
            rebuildVariants(
                plan.shredded.get(a), aux[a], builder.vectors()[plan.shredded.get(a).ordinal], n);
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
    } catch (KernelException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // parquet-column's decoders (and ours) meet malformed pages with whatever they throw:
      // ParquetDecodingException, IllegalArgumentException, a buffer or index out of bounds
      throw Errors.malformedParquet(
          path, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }
  }

  /**
   * The column-by-column decoders of one row group: leaves and maps reached through structs only.
   */
  private void openDecoders(PageReadStore pages) {
    decoders = new FlatColumnDecoder[plan.columnar.size()];
    for (int c = 0; c < decoders.length; c++) {
      ReadPlan.Columnar leaf = plan.columnar.get(c);
      org.apache.parquet.column.ColumnDescriptor d =
          plan.requestedSchema.getColumnDescription(leaf.path);
      decoders[c] = new FlatColumnDecoder(d, leaf.kind, pages.getPageReader(d), createdBy);
    }
    mapDecoders = new MapColumnDecoder[plan.columnarMaps.size()];
    for (int c = 0; c < mapDecoders.length; c++) {
      ReadPlan.ColumnarMap m = plan.columnarMaps.get(c);
      org.apache.parquet.column.ColumnDescriptor k =
          plan.requestedSchema.getColumnDescription(m.keyPath);
      ElementColumnDecoder values = null;
      if (m.valuePath != null) {
        org.apache.parquet.column.ColumnDescriptor v =
            plan.requestedSchema.getColumnDescription(m.valuePath);
        values = new ElementColumnDecoder(v, m.valueKind, pages.getPageReader(v), createdBy);
      }
      mapDecoders[c] =
          new MapColumnDecoder(
              new ElementColumnDecoder(k, m.keyKind, pages.getPageReader(k), createdBy),
              values,
              m.mapLevel,
              m.path);
    }
  }

  private final ShreddedVariants.Dictionaries dictionaries = new ShreddedVariants.Dictionaries();
  private final StructPresence structPresence = new StructPresence();

  /**
   * Writes the variant (metadata, value) pairs rebuilt from a shredded column's auxiliary vector.
   */
  private void rebuildVariants(
      ReadPlan.Shredded spec,
      org.apache.arrow.vector.FieldVector aux,
      org.apache.arrow.vector.FieldVector target,
      int n) {
    aux.setValueCount(n);
    dev.keel.kernel.data.ColumnVector shredded =
        new dev.keel.kernel.defaults.internal.arrow.ArrowColumnVector(spec.readType, aux, false);
    org.apache.arrow.vector.complex.StructVector variant =
        (org.apache.arrow.vector.complex.StructVector) target;
    org.apache.arrow.vector.VarBinaryVector metadataOut =
        (org.apache.arrow.vector.VarBinaryVector) variant.getChildByOrdinal(0);
    org.apache.arrow.vector.VarBinaryVector valueOut =
        (org.apache.arrow.vector.VarBinaryVector) variant.getChildByOrdinal(1);
    int metadataOrdinal = spec.readType.indexOf("metadata");
    for (int i = 0; i < n; i++) {
      if (shredded.isNullAt(i)) {
        variant.setNull(i);
        continue;
      }
      byte[] metadata = shredded.getChild(metadataOrdinal).getBinary(i);
      byte[] value =
          ShreddedVariants.rebuild(shredded, i, spec.readType, metadata, dictionaries.of(metadata));
      variant.setIndexDefined(i);
      metadataOut.setSafe(i, metadata);
      valueOut.setSafe(
          i,
          value == null
              ? dev.keel.kernel.defaults.internal.variant.VariantEncoder.nullValue()
              : value);
    }
  }

  private void closeReader() {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException e) {
        throw Errors.engineFailure("close Parquet file", path, e);
      } finally {
        reader = null;
      }
    }
  }

  @Override
  protected void closeSource() {
    done = true;
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
