package io.flashsale.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.scram.ScramLoginModule;

/**
 * Broker settings for {@link EmbeddedKafka} under which clients get in only over TLS, logging in
 * with SCRAM-SHA-512, and the users they log in as.
 *
 * <p>The client listener, the one {@link EmbeddedKafka#bootstrapServers()} names, takes SASL_SSL
 * only. The node's own traffic stays in plain text, as one node needs no more: the controller
 * listener, and an internal listener on the loopback interface for what a broker sends to brokers
 * (transaction markers, also to itself), through which users are added too.
 */
public final class SecureListener {

  /** The SASL mechanism clients log in with. */
  public static final String MECHANISM = "SCRAM-SHA-512";

  // The names Kafka's test kit gives the two listeners it binds for EmbeddedKafka.
  private static final String CLIENT = "EXTERNAL";
  private static final String CONTROLLER = "CONTROLLER";
  private static final String INTERNAL = "INTERNAL";
  // Kafka's minimum for SCRAM-SHA-512: every login costs this many hash rounds on both sides.
  private static final int ITERATIONS = 4096;
  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);

  private final TlsStores tls;

  public SecureListener(TlsStores tls) {
    this.tls = tls;
  }

  /** The properties to start {@link EmbeddedKafka} with. */
  public Map<String, String> brokerProperties() {
    String client = "listener.name." + CLIENT.toLowerCase(Locale.ROOT) + ".";
    return Map.of(
        "listeners",
        String.format(
            "%s://127.0.0.1:0,%s://127.0.0.1:0,%s://127.0.0.1:0", CLIENT, INTERNAL, CONTROLLER),
        "listener.security.protocol.map",
        String.format(
            "%s:%s,%s:%s,%s:%s",
            CLIENT,
            SecurityProtocol.SASL_SSL.name,
            INTERNAL,
            SecurityProtocol.PLAINTEXT.name,
            CONTROLLER,
            SecurityProtocol.PLAINTEXT.name),
        "inter.broker.listener.name",
        INTERNAL,
        client + "sasl.enabled.mechanisms",
        MECHANISM,
        client + MECHANISM.toLowerCase(Locale.ROOT) + "." + SaslConfigs.SASL_JAAS_CONFIG,
        ScramLoginModule.class.getName() + " required;",
        client + SslConfigs.SSL_KEYSTORE_TYPE_CONFIG,
        tls.type(),
        client + SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG,
        tls.keystore().toString(),
        client + SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG,
        tls.keystorePassword());
  }

  /**
   * Adds a user to a broker started with {@link #brokerProperties()}, or sets its password anew;
   * returns once the user can log in.
   */
  public void addUser(EmbeddedKafka kafka, String user, String password) {
    UserScramCredentialUpsertion credential =
        new UserScramCredentialUpsertion(
            user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password);
    try (Admin admin =
        Admin.create(
            Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.listenerAddress(INTERNAL)))) {
      admin
          .alterUserScramCredentials(List.of(credential))
          .all()
          .get(LOGIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      awaitLogin(kafka.bootstrapServers(), user, password);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not add the Kafka user " + user, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while adding the Kafka user " + user, e);
    }
  }

  /**
   * The controller stores a new credential before the broker's login check has it: waits until a
   * login succeeds.
   */
  private void awaitLogin(String bootstrapServers, String user, String password)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + LOGIN_TIMEOUT.toNanos();
    while (true) {
      try (Admin admin = Admin.create(clientProperties(bootstrapServers, user, password))) {
        admin.describeCluster().clusterId().get(LOGIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof SaslAuthenticationException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private Map<String, Object> clientProperties(
      String bootstrapServers, String user, String password) {
    return Map.of(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers,
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
        SecurityProtocol.SASL_SSL.name,
        SaslConfigs.SASL_MECHANISM,
        MECHANISM,
        SaslConfigs.SASL_JAAS_CONFIG,
        String.format(
            "%s required username=\"%s\" password=\"%s\";",
            ScramLoginModule.class.getName(), user, password),
        SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG,
        tls.type(),
        SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
        tls.truststore().toString(),
        SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG,
        tls.truststorePassword());
  }
}
