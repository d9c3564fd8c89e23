package dev.keel.connectors.kafka;

import java.util.Map;

/**
 * What an ingester has done so far.
 *
 * @param messages messages committed to the table (dead letters included)
 * @param bytes bytes of those messages
 * @param commits data commits made
 * @param deadLetters messages sent to the dead-letter table
 * @param conflicts batches dropped because another worker committed one of their partitions
 * @param lastCommitMillis how long the last batch took to commit (parsing the messages, writing the
 *     files, committing)
 * @param totalCommitMillis how long all batches took to commit
 * @param lag messages not yet read, by partition, as the consumer last knew it
 */
public record IngestMetrics(
    long messages,
    long bytes,
    long commits,
    long deadLetters,
    long conflicts,
    long lastCommitMillis,
    long totalCommitMillis,
    Map<Integer, Long> lag) {}
