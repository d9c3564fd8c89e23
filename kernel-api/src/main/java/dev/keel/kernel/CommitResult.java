package dev.keel.kernel;

import dev.keel.kernel.annotations.Stable;

/** The outcome of a successful commit. */
@Stable
public final class CommitResult {
  private final long version;
  private final int attempts;
  private final boolean checkpointWritten;
  private final boolean checksumWritten;

  /**
   * @param version the committed version
   * @param attempts how many times the commit was tried (1 when no other writer interfered)
   * @param checkpointWritten whether a checkpoint was written after the commit
   * @param checksumWritten whether the version checksum file ({@code NNN.crc}) was written
   */
  CommitResult(long version, int attempts, boolean checkpointWritten, boolean checksumWritten) {
    this.version = version;
    this.attempts = attempts;
    this.checkpointWritten = checkpointWritten;
    this.checksumWritten = checksumWritten;
  }

  /**
   * @return the committed version
   */
  public long getVersion() {
    return version;
  }

  /**
   * @return the number of attempts
   */
  public int getAttempts() {
    return attempts;
  }

  /**
   * @return whether a checkpoint was written at this version
   */
  public boolean isCheckpointWritten() {
    return checkpointWritten;
  }

  /**
   * Whether the version checksum file of this version was written. Keel writes it when it knows the
   * table's totals before the commit exactly: for a new table, and for a commit directly on top of
   * a version that has a valid checksum file. It is optional in the protocol, so a commit without
   * one is still complete.
   *
   * @return whether {@code NNN.crc} was written for this version
   */
  public boolean isChecksumWritten() {
    return checksumWritten;
  }

  @Override
  public String toString() {
    return "CommitResult{version="
        + version
        + ", attempts="
        + attempts
        + ", checkpointWritten="
        + checkpointWritten
        + ", checksumWritten="
        + checksumWritten
        + "}";
  }
}
