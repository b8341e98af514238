package io.flashsale.cli;

import static io.flashsale.cli.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashsale.embedded.EmbeddedKafka;
import io.flashsale.embedded.SecureListener;
import io.flashsale.embedded.TlsStores;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that talk to Kafka on a broker that lets clients in only over TLS with a SCRAM
 * login, given the client settings in a file whose secrets sit in another file.
 */
class SecuredKafkaCommandsTest {

  private static final String USER = "operator";
  private static final String RECEIPTS = "../examples/receipts.jsonl";

  @TempDir static Path dir;

  private static EmbeddedKafka kafka;
  private static Path clientConfig;

  @BeforeAll
  static void startBroker() throws IOException {
    String password = UUID.randomUUID().toString();
    TlsStores tls =
        TlsStores.generate(
            dir.resolve("tls"), UUID.randomUUID().toString(), UUID.randomUUID().toString());
    SecureListener listener = new SecureListener(tls);
    kafka = EmbeddedKafka.start(listener.brokerProperties());
    listener.addUser(kafka, USER, password);
    Path secrets =
        Files.writeString(
            dir.resolve("secrets.properties"),
            "password=" + password + "\ntruststore.password=" + tls.truststorePassword() + "\n");
    clientConfig =
        Files.writeString(
            dir.resolve("client.properties"),
            String.join(
                "\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=" + SecureListener.MECHANISM,
                jaasConfig("${file:" + secrets + ":password}"),
                "ssl.truststore.type=" + tls.type(),
                "ssl.truststore.location=" + tls.truststore(),
                "ssl.truststore.password=${file:" + secrets + ":truststore.password}",
                "config.providers=file",
                "config.providers.file.class=" + FileConfigProvider.class.getName()));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void createsTopicsAndSendsEventsWithTheClientSettingsOfAFile() throws IOException {
    CommandRun topics = run("topics", "--partitions", "1", kafka(), config());
    CommandRun send = run("send", "--topic", "inventory.stock", kafka(), config(), RECEIPTS);

    assertThat(topics.exitCode()).as(topics.err()).isZero();
    assertThat(topics.out()).startsWith("created: ").contains("inventory.stock");
    assertThat(send.exitCode()).as(send.err()).isZero();
    assertThat(send.out()).contains("sent 2 event(s) to inventory.stock");
    assertThat(read("inventory.stock", 2))
        .containsExactlyElementsOf(Files.readAllLines(Path.of(RECEIPTS)));
  }

  @Test
  void aKafkaPropertyWinsOverTheFile() {
    CommandRun refused =
        run("topics", kafka(), config(), "--kafka-property", jaasConfig("not-the-password"));

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("SaslAuthenticationException");
  }

  private static String jaasConfig(String password) {
    return String.format(
        "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"%s\" password=\"%s\";",
        USER, password);
  }

  private static String kafka() {
    return "--bootstrap-servers=" + kafka.bootstrapServers();
  }

  private static String config() {
    return "--kafka-config=" + clientConfig;
  }

  private static List<String> read(String topic, int expected) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(clientConfig)) {
      properties.load(reader);
    }
    properties.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "reader");
    properties.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
