package dev.keel.kernel;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Evolving;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A table's protocol action: the minimum reader and writer versions and, from reader version 3 and
 * writer version 7, the named table features readers and writers must support. Immutable.
 */
@Evolving
public final class Protocol {
  private final int minReaderVersion;
  private final int minWriterVersion;
  private final Set<String> readerFeatures;
  private final Set<String> writerFeatures;

  /**
   * @param minReaderVersion the minimum reader version
   * @param minWriterVersion the minimum writer version
   * @param readerFeatures the reader features (empty for legacy protocols)
   * @param writerFeatures the writer features (empty for legacy protocols)
   */
  Protocol(
      int minReaderVersion,
      int minWriterVersion,
      Set<String> readerFeatures,
      Set<String> writerFeatures) {
    this.minReaderVersion = minReaderVersion;
    this.minWriterVersion = minWriterVersion;
    this.readerFeatures =
        Collections.unmodifiableSet(
            new TreeSet<>(requireNonNull(readerFeatures, "readerFeatures is null")));
    this.writerFeatures =
        Collections.unmodifiableSet(
            new TreeSet<>(requireNonNull(writerFeatures, "writerFeatures is null")));
  }

  /**
   * @return the minimum reader version
   */
  public int getMinReaderVersion() {
    return minReaderVersion;
  }

  /**
   * @return the minimum writer version
   */
  public int getMinWriterVersion() {
    return minWriterVersion;
  }

  /**
   * @return the reader features, sorted; empty when the protocol lists none
   */
  public Set<String> getReaderFeatures() {
    return readerFeatures;
  }

  /**
   * @return the writer features, sorted; empty when the protocol lists none
   */
  public Set<String> getWriterFeatures() {
    return writerFeatures;
  }

  /**
   * @return whether reader features are listed (reader version 3)
   */
  public boolean supportsReaderFeatures() {
    return minReaderVersion >= 3;
  }

  /**
   * @return whether writer features are listed (writer version 7)
   */
  public boolean supportsWriterFeatures() {
    return minWriterVersion >= 7;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Protocol)) {
      return false;
    }
    Protocol p = (Protocol) o;
    return p.minReaderVersion == minReaderVersion
        && p.minWriterVersion == minWriterVersion
        && p.readerFeatures.equals(readerFeatures)
        && p.writerFeatures.equals(writerFeatures);
  }

  @Override
  public int hashCode() {
    return (minReaderVersion * 31 + minWriterVersion) * 31
        + readerFeatures.hashCode() * 7
        + writerFeatures.hashCode();
  }

  @Override
  public String toString() {
    return "Protocol{minReaderVersion="
        + minReaderVersion
        + ", minWriterVersion="
        + minWriterVersion
        + ", readerFeatures="
        + readerFeatures
        + ", writerFeatures="
        + writerFeatures
        + "}";
  }
}
