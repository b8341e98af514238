package io.flashsale.security;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashsale.channels.ChannelSyncJob;
import io.flashsale.config.EventTimeOptions;
import io.flashsale.config.KafkaOptions;
import io.flashsale.embedded.EmbeddedKafka;
import io.flashsale.embedded.SecureListener;
import io.flashsale.embedded.TlsStores;
import io.flashsale.embedded.marketplaces.MarketplaceStandIn;
import io.flashsale.events.AckStatus;
import io.flashsale.events.CartEvent;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.Decision;
import io.flashsale.events.DecisionStatus;
import io.flashsale.events.FraudAlert;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.Position;
import io.flashsale.events.StockMovement;
import io.flashsale.fraud.Carts;
import io.flashsale.fraud.FraudJob;
import io.flashsale.inventory.InventoryJob;
import io.flashsale.inventory.LedgerEvents;
import io.flashsale.inventory.LedgerInvariants;
import io.flashsale.kafka.KafkaConnections;
import io.flashsale.kafka.Topics;
import io.flashsale.tables.TableSyncJob;
import io.flashsale.testing.JobsOnKafka;
import io.flashsale.testing.LogCapture;
import io.flashsale.testing.Producing;
import io.flashsale.testing.TopicTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * All four jobs on a broker that lets clients in only over TLS with a SCRAM-SHA-512 login,
 * configured through their job options alone, the secrets read from a file and from the
 * environment; and none of the secrets in any log line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredKafkaTest {

  private static final String PREFIX = "secured.";
  private static final String USER = "flashsale-jobs";
  // Set by the build (jobs/pom.xml), as an operator would set it for the jobs.
  private static final String TRUSTSTORE_PASSWORD_VARIABLE = "FLASHSALE_TEST_TRUSTSTORE_PASSWORD";
  private static final String JAAS_CONFIG = "kafka.properties.sasl.jaas.config";
  private static final String JAAS_HIDDEN = "sasl.jaas.config = [hidden]";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final MarketplaceStandIn.Credentials MARKETPLACE_CREDENTIALS =
      new MarketplaceStandIn.Credentials(
          "shpat_secured-shop-token",
          "amzn1.application-oa2-client.secured",
          "amzn-secured-client-secret",
          "Atzr|secured-refresh-token",
          "walmart-secured-client",
          "walmart-secured-secret");

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  @TempDir static Path dir;

  private final LogCapture logs = new LogCapture();
  private final String password = UUID.randomUUID().toString();
  private final String keystorePassword = UUID.randomUUID().toString();
  private String truststorePassword;
  private JobsOnKafka servers;
  private MarketplaceStandIn marketplaces;

  @BeforeAll
  void startServers() {
    logs.install();
    truststorePassword = System.getenv(TRUSTSTORE_PASSWORD_VARIABLE);
    assertThat(truststorePassword)
        .as("%s, which the Maven build sets", TRUSTSTORE_PASSWORD_VARIABLE)
        .isNotBlank();
    TlsStores tls = TlsStores.generate(dir.resolve("tls"), keystorePassword, truststorePassword);
    SecureListener listener = new SecureListener(tls);
    EmbeddedKafka kafka = EmbeddedKafka.start(listener.brokerProperties());
    listener.addUser(kafka, USER, password);
    servers = JobsOnKafka.withPostgres(kafka, clientOptions(tls, writeSecrets("kafka", password)));
    marketplaces = MarketplaceStandIn.start(MARKETPLACE_CREDENTIALS);
  }

  @AfterAll
  void stopServers() {
    marketplaces.close();
    servers.close();
    logs.uninstall();
  }

  @Test
  void shouldRunEveryJobOnTheSecuredBrokerWithoutLoggingASecret() throws Exception {
    Topics topics = servers.createTopics(PREFIX);
    Configuration config = servers.config(PREFIX);
    config.set(CoreOptions.DEFAULT_PARALLELISM, 1);
    // The fraud job's rules match on event time: let it follow the wall clock soon.
    config.set(EventTimeOptions.IDLE_TIMEOUT, Duration.ofSeconds(1));
    marketplaces
        .channelConfiguration(dir.resolve("marketplace-secrets"), List.of("SKU-1"))
        .forEach(config::setString);
    try (TopicTail<Position> positions = servers.tail(topics.inventoryPositions(), Position.class);
        TopicTail<Decision> decisions =
            servers.tail(topics.reservationsDecisions(), Decision.class);
        TopicTail<FraudAlert> alerts = servers.tail(topics.fraudAlerts(), FraudAlert.class);
        TopicTail<ChannelAck> acks = servers.tail(topics.channelAcks(), ChannelAck.class);
        Producing producing = servers.producer()) {
      List<JobClient> jobs =
          List.of(
              servers.startInventory(config),
              servers.startFraud(config),
              servers.startTableSync(config),
              servers.startChannelSync(config));

      StockMovement receipt = LedgerEvents.received("receipt", "SKU-1", 10, now());
      producing.send(topics.inventoryStock(), List.of(receipt), StockMovement::sku);
      // The hold travels on another topic and must not overtake the stock it needs.
      positions.awaitSettled(p -> !p.isEmpty(), TIMEOUT, Duration.ZERO);
      // A checkout with two coupons where one is allowed: the fraud job flags it. Stamped when
      // sent, as the fraud job's event time follows the wall clock while the carts are quiet.
      CartEvent hold = Carts.hold("hold", now()).build();
      CartEvent checkout =
          Carts.checkout("checkout", now()).holdId(hold.holdId()).coupons("TEN", "TWENTY").build();
      producing.send(topics.storefrontCarts(), List.of(hold, checkout), CartEvent::sku);

      List<Decision> answers = decisions.awaitSettled(d -> d.size() >= 2, TIMEOUT, Duration.ZERO);
      List<FraudAlert> flagged = alerts.awaitSettled(a -> !a.isEmpty(), TIMEOUT, Duration.ZERO);
      List<ChannelAck> applied =
          acks.awaitSettled(
              a -> a.stream().anyMatch(ack -> ack.status() == AckStatus.APPLIED),
              TIMEOUT,
              Duration.ZERO);
      Map<String, Position> lastPositions =
          LedgerInvariants.lastPositions(
              positions.awaitSettled(p -> true, TIMEOUT, Duration.ofSeconds(1)));
      Map<String, Position> rows = servers.awaitPositionRows(PREFIX, lastPositions, TIMEOUT);
      for (JobClient job : jobs) {
        job.cancel().get();
      }

      assertThat(answers)
          .extracting(Decision::status)
          .containsExactly(DecisionStatus.GRANTED, DecisionStatus.COMMITTED);
      assertThat(flagged).extracting(FraudAlert::pattern).contains(FraudPattern.COUPON_STACKING);
      assertThat(applied)
          .filteredOn(ack -> ack.status() == AckStatus.APPLIED)
          .extracting(ChannelAck::sku)
          .contains("SKU-1");
      assertThat(rows.get("SKU-1|MAIN").committed()).isEqualTo(1);
      assertNoSecretLogged();
    }
  }

  @Test
  void shouldRefuseClientsWithAWrongPasswordOrWithoutTls() {
    Configuration wrongPassword = servers.jobOptions(PREFIX);
    wrongPassword.setString(JAAS_CONFIG, jaasConfig(writeSecrets("wrong", "not-" + password)));
    Configuration withoutTls = servers.jobOptions(PREFIX);
    withoutTls.setString("kafka.properties.security.protocol", "SASL_PLAINTEXT");
    // The broker never answers a client that does not speak TLS: give up soon.
    withoutTls.setString("kafka.properties.default.api.timeout.ms", "3000");
    withoutTls.setString("kafka.properties.request.timeout.ms", "2000");

    assertThatThrownBy(() -> describeCluster(wrongPassword))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SaslAuthenticationException.class);
    assertThatThrownBy(() -> describeCluster(withoutTls))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
  }

  /**
   * The check can fail only if the capture sees the lines a secret would leak into: the Kafka
   * clients' settings, Flink's lines about each job and the jobs' own.
   */
  private void assertNoSecretLogged() {
    List<String> lines = logs.lines();
    assertThat(logged(lines, "ProducerConfig values", JAAS_HIDDEN))
        .as("the producers' settings, the login hidden")
        .isTrue();
    assertThat(logged(lines, "ConsumerConfig values", JAAS_HIDDEN))
        .as("the consumers' settings, the login hidden")
        .isTrue();
    for (String job :
        List.of(InventoryJob.NAME, FraudJob.NAME, TableSyncJob.NAME, ChannelSyncJob.NAME)) {
      assertThat(logged(lines, job, "to RUNNING")).as("Flink's lines about %s", job).isTrue();
    }
    assertThat(logged(lines, "event=fraud_alert")).as("the jobs' own lines").isTrue();
    for (String secret :
        List.of(
            password,
            keystorePassword,
            truststorePassword,
            MARKETPLACE_CREDENTIALS.amazonClientSecret(),
            MARKETPLACE_CREDENTIALS.walmartClientSecret())) {
      assertThat(
              lines.stream()
                  .filter(line -> line.contains(secret))
                  .map(line -> line.replace(secret, "<secret>")))
          .as("log lines with a secret")
          .isEmpty();
    }
  }

  private static boolean logged(List<String> lines, String... parts) {
    return lines.stream().anyMatch(line -> Stream.of(parts).allMatch(line::contains));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static void describeCluster(Configuration jobOptions) throws Exception {
    try (Admin admin = Admin.create(new KafkaConnections(jobOptions).clientProperties())) {
      admin.describeCluster().clusterId().get();
    }
  }

  /**
   * The job options that reach the broker: secrets come through Kafka's config providers, the
   * password from a file and the truststore's password from the environment.
   */
  private static Map<String, String> clientOptions(TlsStores tls, Path secrets) {
    String p = KafkaOptions.CLIENT_PROPERTIES_PREFIX;
    return Map.ofEntries(
        entry(p + "security.protocol", "SASL_SSL"),
        entry(p + "sasl.mechanism", SecureListener.MECHANISM),
        entry(JAAS_CONFIG, jaasConfig(secrets)),
        entry(p + "ssl.truststore.type", tls.type()),
        entry(p + "ssl.truststore.location", tls.truststore().toString()),
        entry(p + "ssl.truststore.password", "${env:" + TRUSTSTORE_PASSWORD_VARIABLE + "}"),
        entry(p + "config.providers", "file,env"),
        entry(p + "config.providers.file.class", FileConfigProvider.class.getName()),
        entry(p + "config.providers.env.class", EnvVarConfigProvider.class.getName()));
  }

  private static String jaasConfig(Path secrets) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + USER
        + "\" password=\"${file:"
        + secrets
        + ":password}\";";
  }

  /** A properties file with the password, readable by its owner only. */
  private Path writeSecrets(String name, String secret) {
    try {
      Path file =
          Files.createFile(
              dir.resolve(name + "-secrets.properties"),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      return Files.writeString(file, "password=" + secret + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
