package dev.keel.kernel.internal.txn;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.TransactionBuilder;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.TableNotFoundException;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.internal.snapshot.SnapshotLoader;
import dev.keel.kernel.types.StructType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The implementation of {@link TransactionBuilder}. */
public final class TransactionBuilderImpl implements TransactionBuilder {
  /** Writer features Keel can append to a table with, without breaking them. */
  static final Set<String> WRITABLE_FEATURES =
      Set.of(
          "appendOnly",
          "invariants",
          "changeDataFeed",
          "columnMapping",
          "deletionVectors",
          "timestampNtz",
          "domainMetadata",
          "v2Checkpoint",
          "vacuumProtocolCheck",
          "inCommitTimestamp",
          "typeWidening",
          "typeWidening-preview",
          "variantType",
          "variantType-preview",
          "checkpointProtection",
          "allowColumnDefaults",
          "rowTracking");

  // set once per copy: every with* method returns a changed copy, so a builder never changes
  final String tablePath;
  final String engineInfo;
  final Operation operation;
  Optional<StructType> schema = Optional.empty();
  List<String> partitionColumns = List.of();
  Map<String, String> properties = Map.of();
  // txn(applicationId, version) actions the commit records, in the order given
  Map<String, Long> transactionIds = Map.of();
  Map<String, String> commitMetadata = Map.of();
  int maxRetries = 200;

  public TransactionBuilderImpl(String tablePath, String engineInfo, Operation operation) {
    this.tablePath = tablePath;
    this.engineInfo = requireNonNull(engineInfo, "engineInfo is null");
    this.operation = requireNonNull(operation, "operation is null");
  }

  private TransactionBuilderImpl copy() {
    TransactionBuilderImpl b = new TransactionBuilderImpl(tablePath, engineInfo, operation);
    b.schema = schema;
    b.partitionColumns = partitionColumns;
    b.properties = properties;
    b.transactionIds = transactionIds;
    b.commitMetadata = commitMetadata;
    b.maxRetries = maxRetries;
    return b;
  }

  @Override
  public TransactionBuilder withSchema(StructType s) {
    TransactionBuilderImpl b = copy();
    b.schema = Optional.of(requireNonNull(s, "schema is null"));
    return b;
  }

  @Override
  public TransactionBuilder withPartitionColumns(List<String> columns) {
    TransactionBuilderImpl b = copy();
    b.partitionColumns = List.copyOf(requireNonNull(columns, "columns is null"));
    return b;
  }

  @Override
  public TransactionBuilder withTableProperties(Map<String, String> props) {
    Map<String, String> merged = new LinkedHashMap<>(properties);
    merged.putAll(requireNonNull(props, "properties is null"));
    TransactionBuilderImpl b = copy();
    b.properties = Map.copyOf(merged);
    return b;
  }

  @Override
  public TransactionBuilder withTransactionId(String applicationId, long version) {
    TransactionBuilderImpl b = copy();
    Map<String, Long> ids = new java.util.LinkedHashMap<>(transactionIds);
    ids.put(requireNonNull(applicationId, "applicationId is null"), version);
    b.transactionIds = java.util.Collections.unmodifiableMap(ids);
    return b;
  }

  @Override
  public TransactionBuilder withCommitMetadata(Map<String, String> metadata) {
    TransactionBuilderImpl b = copy();
    b.commitMetadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
    return b;
  }

  @Override
  public TransactionBuilder withMaxRetries(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be at least 0, got " + retries);
    }
    TransactionBuilderImpl b = copy();
    b.maxRetries = retries;
    return b;
  }

  @Override
  public Transaction build(Engine engine) {
    Optional<SnapshotImpl> snapshot;
    try {
      snapshot = Optional.of(SnapshotLoader.latest(engine, tablePath));
    } catch (TableNotFoundException notFound) {
      snapshot = Optional.empty();
    }
    if (snapshot.isPresent()) {
      if (operation == Operation.CREATE_TABLE) {
        throw Errors.tableAlreadyExists(tablePath);
      }
      checkWritable(snapshot.get().getProtocol(), snapshot.get().getMetadata());
      for (Map.Entry<String, Long> id : transactionIds.entrySet()) {
        Optional<Long> committed = snapshot.get().getLatestTransactionVersion(engine, id.getKey());
        if (committed.isPresent() && committed.get() >= id.getValue()) {
          throw Errors.transactionAlreadyCommitted(
              tablePath, id.getKey(), id.getValue(), committed.get());
        }
      }
      Optional<dev.keel.kernel.Metadata> changed =
          TableChange.apply(
              tablePath, snapshot.get().getMetadata(), schema, partitionColumns, properties);
      Protocol current = snapshot.get().getProtocol();
      Protocol upgraded = changed.map(m -> ProtocolUpgrade.forMetadata(current, m)).orElse(current);
      return new TransactionImpl(
          this,
          snapshot.get(),
          null,
          changed,
          upgraded.equals(current) ? Optional.empty() : Optional.of(upgraded));
    }
    if (schema.isEmpty()) {
      throw Errors.tableDoesNotExistForWrite(tablePath);
    }
    return new TransactionImpl(
        this,
        null,
        NewTable.create(tablePath, schema.get(), partitionColumns, properties),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Refuses a protocol with writer features Keel does not write. Check constraints, generated and
   * identity columns are refused only when the table uses them (a constraint property, a generation
   * expression or identity metadata): listed but unused, as in protocols upgraded from a legacy
   * writer version, they ask nothing of a writer.
   */
  private void checkWritable(Protocol protocol, dev.keel.kernel.Metadata metadata) {
    if (protocol.getMinWriterVersion() > 7) {
      throw Errors.unsupportedWriterVersion(tablePath, protocol.getMinWriterVersion());
    }
    Set<String> listed = new TreeSet<>(protocol.getWriterFeatures());
    listed.addAll(ProtocolUpgrade.impliedWriterFeatures(protocol));
    Set<String> unsupported = new TreeSet<>();
    for (String f : listed) {
      if (!WRITABLE_FEATURES.contains(f) && !(UNLESS_USED.contains(f) && !uses(metadata, f))) {
        unsupported.add(f);
      }
    }
    if (!unsupported.isEmpty()) {
      throw Errors.unsupportedWriterFeatures(tablePath, unsupported);
    }
  }

  private static final Set<String> UNLESS_USED =
      Set.of("checkConstraints", "generatedColumns", "identityColumns");

  private static boolean uses(dev.keel.kernel.Metadata metadata, String feature) {
    switch (feature) {
      case "checkConstraints":
        return metadata.getConfiguration().keySet().stream()
            .anyMatch(k -> k.startsWith("delta.constraints."));
      case "generatedColumns":
        return metadata.getSchemaString().contains("delta.generationExpression");
      default:
        return metadata.getSchemaString().contains("delta.identity.");
    }
  }
}
