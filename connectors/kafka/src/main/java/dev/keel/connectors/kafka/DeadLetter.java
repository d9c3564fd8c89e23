package dev.keel.connectors.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A message that cannot be ingested, and why.
 *
 * @param record the message
 * @param error why it cannot be a row of the table
 */
record DeadLetter(ConsumerRecord<byte[], byte[]> record, String error) {}
