package dev.keel.kernel;

/** The outcome of a successful commit. */
public final class CommitResult {
  private final long version;
  private final int attempts;
  private final boolean checkpointWritten;

  /**
   * @param version the committed version
   * @param attempts how many times the commit was tried (1 when no other writer interfered)
   * @param checkpointWritten whether a checkpoint was written after the commit
   */
  public CommitResult(long version, int attempts, boolean checkpointWritten) {
    this.version = version;
    this.attempts = attempts;
    this.checkpointWritten = checkpointWritten;
  }

  /** @return the committed version */
  public long getVersion() {
    return version;
  }

  /** @return the number of attempts */
  public int getAttempts() {
    return attempts;
  }

  /** @return whether a checkpoint was written at this version */
  public boolean isCheckpointWritten() {
    return checkpointWritten;
  }

  @Override
  public String toString() {
    return "CommitResult{version=" + version + ", attempts=" + attempts + "}";
  }
}
