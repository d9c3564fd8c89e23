package dev.keel.kernel;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Evolving;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one commit says about itself (its {@code commitInfo} action), with its version and
 * timestamp.
 */
@Evolving
public final class CommitInfo {
  private final long version;
  private final long timestamp;
  private final Optional<Long> inCommitTimestamp;
  private final Optional<String> operation;
  private final Map<String, String> operationParameters;
  private final Optional<String> engineInfo;
  private final Optional<Boolean> isBlindAppend;

  /**
   * @param version the commit version
   * @param timestamp the commit timestamp: the in-commit timestamp where enabled, else the commit
   *     file's modification time, epoch milliseconds
   * @param inCommitTimestamp the in-commit timestamp, if the commit has one
   * @param operation the operation, e.g. {@code WRITE}, if recorded
   * @param operationParameters the operation's parameters (values as the log holds them)
   * @param engineInfo the writer, e.g. {@code Apache-Spark/4.0.1 Delta-Lake/4.0.1}, if recorded
   * @param isBlindAppend whether the commit only appended without reading, if recorded
   */
  CommitInfo(
      long version,
      long timestamp,
      Optional<Long> inCommitTimestamp,
      Optional<String> operation,
      Map<String, String> operationParameters,
      Optional<String> engineInfo,
      Optional<Boolean> isBlindAppend) {
    this.version = version;
    this.timestamp = timestamp;
    this.inCommitTimestamp = requireNonNull(inCommitTimestamp, "inCommitTimestamp is null");
    this.operation = requireNonNull(operation, "operation is null");
    this.operationParameters =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(
                requireNonNull(operationParameters, "operationParameters is null")));
    this.engineInfo = requireNonNull(engineInfo, "engineInfo is null");
    this.isBlindAppend = requireNonNull(isBlindAppend, "isBlindAppend is null");
  }

  /**
   * @return the commit version
   */
  public long getVersion() {
    return version;
  }

  /**
   * @return the commit timestamp in epoch milliseconds
   */
  public long getTimestamp() {
    return timestamp;
  }

  /**
   * @return the in-commit timestamp, if the commit has one
   */
  public Optional<Long> getInCommitTimestamp() {
    return inCommitTimestamp;
  }

  /**
   * @return the operation name, if recorded
   */
  public Optional<String> getOperation() {
    return operation;
  }

  /**
   * @return the operation parameters
   */
  public Map<String, String> getOperationParameters() {
    return operationParameters;
  }

  /**
   * @return the engine that wrote the commit, if recorded
   */
  public Optional<String> getEngineInfo() {
    return engineInfo;
  }

  /**
   * @return whether the commit was a blind append, if recorded
   */
  public Optional<Boolean> isBlindAppend() {
    return isBlindAppend;
  }

  @Override
  public String toString() {
    return "CommitInfo{version="
        + version
        + ", timestamp="
        + timestamp
        + ", operation="
        + operation.orElse("?")
        + "}";
  }
}
