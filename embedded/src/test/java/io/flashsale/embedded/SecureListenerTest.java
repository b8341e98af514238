package io.flashsale.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureListenerTest {

  private static final String USER = "shop";
  private static final String PASSWORD = "shop-password-0042";

  @TempDir static Path dir;

  private static TlsStores tls;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    tls = TlsStores.generate(dir, "keystore-password-0042", "truststore-password-0042");
    SecureListener listener = new SecureListener(tls);
    kafka = EmbeddedKafka.start(listener.brokerProperties());
    listener.addUser(kafka, USER, PASSWORD);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldServeAUserThatLogsInOverTls() throws Exception {
    try (Admin admin = Admin.create(client(PASSWORD))) {
      CreateTopicsResult created =
          admin.createTopics(List.of(new NewTopic("secured", 1, (short) 1)));

      // The controller's answer: the broker's metadata may list the topic a moment later.
      assertThat(created.numPartitions("secured").get()).isEqualTo(1);
    }
  }

  @Test
  void shouldRefuseAWrongPassword() {
    try (Admin admin = Admin.create(client("not-" + PASSWORD))) {
      assertThatThrownBy(() -> admin.describeCluster().clusterId().get())
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void shouldRefuseAClientThatDoesNotTrustItsCertificate() {
    Map<String, Object> config = client(PASSWORD);
    config.remove(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
    config.remove(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
    try (Admin admin = Admin.create(config)) {
      assertThatThrownBy(() -> admin.describeCluster().clusterId().get())
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SslAuthenticationException.class);
    }
  }

  @Test
  void shouldNeverAnswerWithoutTls() {
    Map<String, Object> config = client(PASSWORD);
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    try (Admin admin = Admin.create(config)) {
      assertThatThrownBy(() -> admin.describeCluster().clusterId().get())
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TimeoutException.class);
    }
  }

  private static Map<String, Object> client(String password) {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
    config.put(SaslConfigs.SASL_MECHANISM, SecureListener.MECHANISM);
    config.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\""
            + USER
            + "\" password=\""
            + password
            + "\";");
    config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, tls.type());
    config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.truststore().toString());
    config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, tls.truststorePassword());
    return config;
  }
}
