package dev.keel.connectors.kafka.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A KRaft Kafka broker (one combined broker and controller) in the test JVM, on a loopback port,
 * from Kafka's own test kit. Closing it stops the broker and deletes its logs.
 */
public final class KafkaBroker implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  private KafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /**
   * @return a started broker
   */
  public static KafkaBroker start() {
    // the test kit's combined node now and then registers a metric twice while starting (a race
    // between its broker and controller); a fresh attempt starts cleanly
    Exception last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      KafkaClusterTestKit cluster = null;
      try {
        cluster =
            new KafkaClusterTestKit.Builder(
                    new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new KafkaBroker(cluster);
      } catch (Exception e) {
        last = e;
        if (cluster != null) {
          try {
            cluster.close();
          } catch (Exception closing) {
            e.addSuppressed(closing);
          }
        }
      }
    }
    throw new IllegalStateException("Cannot start the test Kafka broker: " + last, last);
  }

  /**
   * @return the bootstrap servers
   */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * Creates a topic and waits until it exists.
   *
   * @param name the topic
   * @param partitions its partitions
   */
  public void createTopic(String name, int partitions) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create topic " + name + ": " + e, e);
    }
  }

  /**
   * Sends messages to one partition and waits until all are acknowledged.
   *
   * @param topic the topic
   * @param partition the partition
   * @param values the messages' values (UTF-8)
   */
  public void send(String topic, int partition, List<String> values) {
    List<byte[]> bytes = new java.util.ArrayList<>(values.size());
    for (String v : values) {
      bytes.add(v.getBytes(StandardCharsets.UTF_8));
    }
    sendBytes(topic, partition, bytes);
  }

  /**
   * Sends messages to one partition and waits until all are acknowledged.
   *
   * @param topic the topic
   * @param partition the partition
   * @param values the messages' values
   */
  public void sendBytes(String topic, int partition, List<byte[]> values) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (byte[] v : values) {
        producer.send(new ProducerRecord<>(topic, partition, null, v));
      }
      producer.flush();
    }
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the test Kafka broker: " + e, e);
    }
  }
}
