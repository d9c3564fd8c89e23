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

  final String tablePath;
  final String engineInfo;
  final Operation operation;
  final Optional<StructType> schema;
  final List<String> partitionColumns;
  final Map<String, String> properties;
  final Optional<String> appId;
  final long appVersion;
  final Map<String, String> commitMetadata;
  final int maxRetries;

  public TransactionBuilderImpl(String tablePath, String engineInfo, Operation operation) {
    this(
        tablePath,
        requireNonNull(engineInfo, "engineInfo is null"),
        requireNonNull(operation, "operation is null"),
        Optional.empty(),
        List.of(),
        Map.of(),
        Optional.empty(),
        -1,
        Map.of(),
        200);
  }

  private TransactionBuilderImpl(
      String tablePath,
      String engineInfo,
      Operation operation,
      Optional<StructType> schema,
      List<String> partitionColumns,
      Map<String, String> properties,
      Optional<String> appId,
      long appVersion,
      Map<String, String> commitMetadata,
      int maxRetries) {
    this.tablePath = tablePath;
    this.engineInfo = engineInfo;
    this.operation = operation;
    this.schema = schema;
    this.partitionColumns = List.copyOf(partitionColumns);
    this.properties = Map.copyOf(properties);
    this.appId = appId;
    this.appVersion = appVersion;
    this.commitMetadata = Map.copyOf(commitMetadata);
    this.maxRetries = maxRetries;
  }

  @Override
  public TransactionBuilder withSchema(StructType s) {
    return new TransactionBuilderImpl(
        tablePath,
        engineInfo,
        operation,
        Optional.of(requireNonNull(s, "schema is null")),
        partitionColumns,
        properties,
        appId,
        appVersion,
        commitMetadata,
        maxRetries);
  }

  @Override
  public TransactionBuilder withPartitionColumns(List<String> columns) {
    return new TransactionBuilderImpl(
        tablePath,
        engineInfo,
        operation,
        schema,
        requireNonNull(columns, "columns is null"),
        properties,
        appId,
        appVersion,
        commitMetadata,
        maxRetries);
  }

  @Override
  public TransactionBuilder withTableProperties(Map<String, String> props) {
    Map<String, String> merged = new LinkedHashMap<>(properties);
    merged.putAll(requireNonNull(props, "properties is null"));
    return new TransactionBuilderImpl(
        tablePath,
        engineInfo,
        operation,
        schema,
        partitionColumns,
        merged,
        appId,
        appVersion,
        commitMetadata,
        maxRetries);
  }

  @Override
  public TransactionBuilder withTransactionId(String applicationId, long version) {
    return new TransactionBuilderImpl(
        tablePath,
        engineInfo,
        operation,
        schema,
        partitionColumns,
        properties,
        Optional.of(requireNonNull(applicationId, "applicationId is null")),
        version,
        commitMetadata,
        maxRetries);
  }

  @Override
  public TransactionBuilder withCommitMetadata(Map<String, String> metadata) {
    return new TransactionBuilderImpl(
        tablePath,
        engineInfo,
        operation,
        schema,
        partitionColumns,
        properties,
        appId,
        appVersion,
        requireNonNull(metadata, "metadata is null"),
        maxRetries);
  }

  @Override
  public TransactionBuilder withMaxRetries(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be at least 0, got " + retries);
    }
    return new TransactionBuilderImpl(
        tablePath,
        engineInfo,
        operation,
        schema,
        partitionColumns,
        properties,
        appId,
        appVersion,
        commitMetadata,
        retries);
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
      if (appId.isPresent()) {
        Optional<Long> committed = snapshot.get().getLatestTransactionVersion(engine, appId.get());
        if (committed.isPresent() && committed.get() >= appVersion) {
          throw Errors.transactionAlreadyCommitted(
              tablePath, appId.get(), appVersion, committed.get());
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
