package dev.keel.kernel.archfixture;

import dev.keel.kernel.internal.log.LogSegment;
import java.util.List;
import java.util.Optional;

/** Breaks a rule on purpose, for {@code TestArchitecture}: a public type showing internal ones. */
public final class LeaksAnInternalType {
  private LeaksAnInternalType() {}

  public static Optional<LogSegment> segment() {
    return Optional.empty();
  }

  public static void take(List<LogSegment> segments) {}

  /** Not visible, so not a violation. */
  static LogSegment hidden() {
    return null;
  }
}
