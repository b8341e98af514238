package io.flashsale.embedded;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.common.TransactionVersion;

/** A real single-node KRaft Kafka broker (combined broker and controller) inside this JVM. */
public final class EmbeddedKafka implements AutoCloseable {

  private static final String HOST = "127.0.0.1";

  private final KafkaClusterTestKit cluster;

  private EmbeddedKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Formats and starts a broker with the default settings and waits until it serves requests. */
  public static EmbeddedKafka start() {
    return start(Map.of());
  }

  /**
   * Formats and starts a broker and waits until it serves requests.
   *
   * @param brokerProperties broker settings that override the defaults
   */
  public static EmbeddedKafka start(Map<String, String> brokerProperties) {
    KafkaClusterTestKit cluster = build(brokerProperties);
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new EmbeddedKafka(cluster);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      closeAfterFailedStart(cluster, e);
      throw new IllegalStateException("Could not start the embedded Kafka broker", e);
    }
  }

  /** The {@code bootstrap.servers} value for clients of this broker. */
  public String bootstrapServers() {
    return listenerAddress(cluster.nodes().brokerListenerName().value());
  }

  /** The host:port of a listener, for one that the broker properties added. */
  public String listenerAddress(String listenerName) {
    int port = broker().boundPort(new ListenerName(listenerName));
    return HOST + ":" + port;
  }

  /**
   * Takes the whole node down as an outage would: the broker, then the controller (the order of
   * Kafka's own shutdown). Clients are refused until {@link #restart()}; the data directories stay.
   */
  public void stop() {
    broker().shutdown();
    controller().shutdown();
  }

  /**
   * Starts the node that {@link #stop()} took down, with its data (topics, committed offsets,
   * transactions), on the same {@link #bootstrapServers()}: the test kit binds its own listeners
   * again to the ports they had (a listener that the broker properties add on port 0 gets a new
   * one). Returns once the broker serves requests again.
   */
  public void restart() {
    controller().startup();
    broker().startup();
    try {
      cluster.waitForReadyBrokers();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the embedded Kafka broker restarted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not restart the embedded Kafka broker", e);
    }
  }

  private BrokerServer broker() {
    return cluster.brokers().values().iterator().next();
  }

  private ControllerServer controller() {
    return cluster.controllers().values().iterator().next();
  }

  /** Stops the broker and deletes its data directory. */
  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the embedded Kafka broker", e);
    }
  }

  private static KafkaClusterTestKit build(Map<String, String> brokerProperties) {
    TestKitNodes nodes =
        new TestKitNodes.Builder(bootstrapMetadata())
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .build();
    Map<String, String> properties = new HashMap<>(defaultBrokerProperties(nodes));
    properties.putAll(brokerProperties);
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    properties.forEach(builder::setConfigProp);
    try {
      return builder.build();
    } catch (Exception e) {
      throw new IllegalStateException("Could not create the embedded Kafka broker", e);
    }
  }

  private static Map<String, String> defaultBrokerProperties(TestKitNodes nodes) {
    String listeners =
        String.format(
            "%s://%s:0,%s://%s:0",
            nodes.brokerListenerName().value(), HOST, nodes.controllerListenerName().value(), HOST);
    return Map.of(
        // Sets the advertised address. The test kit binds its pre-allocated sockets on all
        // interfaces whatever this says.
        "listeners", listeners,
        "offsets.topic.replication.factor", "1",
        "transaction.state.log.replication.factor", "1",
        "transaction.state.log.min.isr", "1",
        // One broker gains nothing from 50 partitions per internal topic, and they slow startup.
        "offsets.topic.num.partitions", "1",
        "transaction.state.log.num.partitions", "1",
        "group.initial.rebalance.delay.ms", "0",
        // Jobs must create their topics explicitly, as they must in production.
        "auto.create.topics.enable", "false",
        // Behave like a released broker, not like Kafka's own test clusters.
        "unstable.api.versions.enable", "false",
        "unstable.feature.versions.enable", "false");
  }

  /**
   * The production defaults of this Kafka release, except {@code transaction.version} 1.
   *
   * <p>Flink's Kafka sink commits recovered transactions with the producer epoch it stored in the
   * checkpoint. Transaction version 2 (the Kafka 4.2 default) bumps the epoch on every commit, so
   * that recovery reports fencing errors (FLINK-40689 upstream). Version 1 is what exactly-once
   * Flink jobs are verified against.
   *
   * <p>The test kit's formatter takes only the metadata version from this and prints its own
   * defaults, transaction.version 2 among them; the controller bootstraps from these records.
   */
  private static BootstrapMetadata bootstrapMetadata() {
    MetadataVersion release = MetadataVersion.latestProduction();
    Map<String, Short> features = new TreeMap<>();
    for (Feature feature : Feature.PRODUCTION_FEATURES) {
      features.put(feature.featureName(), feature.defaultLevel(release));
    }
    features.put(TransactionVersion.FEATURE_NAME, TransactionVersion.TV_1.featureLevel());
    return BootstrapMetadata.fromVersions(release, features, "flashsale-embedded");
  }

  private static void closeAfterFailedStart(KafkaClusterTestKit cluster, Exception cause) {
    try {
      cluster.close();
    } catch (Exception closeFailure) {
      cause.addSuppressed(closeFailure);
    }
  }
}
