package io.flashsale.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost} with its key in a PKCS12
 * keystore, and a PKCS12 truststore that trusts exactly that certificate: TLS for a server that
 * only this machine's tests and local runs talk to.
 */
public final class TlsStores {

  private static final String ALIAS = "server";
  private static final String TYPE = "PKCS12";
  // keytool reads the password from its environment, so it never shows on a command line.
  private static final String PASSWORD_VARIABLE = "FLASHSALE_KEYSTORE_PASSWORD";

  private final Path keystore;
  private final String keystorePassword;
  private final Path truststore;
  private final String truststorePassword;

  private TlsStores(
      Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
    this.keystore = keystore;
    this.keystorePassword = keystorePassword;
    this.truststore = truststore;
    this.truststorePassword = truststorePassword;
  }

  /**
   * Writes {@code server.p12} and {@code truststore.p12} into {@code directory}. The key pair and
   * certificate come from the JDK's keytool; the JDK has no public API that makes certificates.
   */
  public static TlsStores generate(
      Path directory, String keystorePassword, String truststorePassword) {
    Path keystore = directory.resolve("server.p12");
    Path truststore = directory.resolve("truststore.p12");
    try {
      Files.createDirectories(directory);
      runKeytool(
          keystorePassword,
          "-genkeypair",
          "-alias",
          ALIAS,
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=localhost",
          "-ext",
          "SAN=ip:127.0.0.1,dns:localhost",
          "-validity",
          "30",
          "-storetype",
          TYPE,
          "-keystore",
          keystore.toString(),
          "-storepass:env",
          PASSWORD_VARIABLE);
      writeTruststore(keystore, keystorePassword, truststore, truststorePassword);
      return new TlsStores(keystore, keystorePassword, truststore, truststorePassword);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Could not create the TLS stores in " + directory, e);
    }
  }

  /** The server's key and certificate, PKCS12. */
  public Path keystore() {
    return keystore;
  }

  public String keystorePassword() {
    return keystorePassword;
  }

  /** What clients trust: the server's certificate alone, PKCS12. */
  public Path truststore() {
    return truststore;
  }

  public String truststorePassword() {
    return truststorePassword;
  }

  /** The store type of both stores, as Kafka's {@code ssl.*.type} settings name it. */
  public String type() {
    return TYPE;
  }

  private static void writeTruststore(
      Path keystore, String keystorePassword, Path truststore, String truststorePassword)
      throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance(TYPE);
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, keystorePassword.toCharArray());
    }
    KeyStore trusted = KeyStore.getInstance(TYPE);
    trusted.load(null, null);
    trusted.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));
    try (OutputStream out = Files.newOutputStream(truststore)) {
      trusted.store(out, truststorePassword.toCharArray());
    }
  }

  private static void runKeytool(String password, String... arguments) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(PASSWORD_VARIABLE, password);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running keytool", e);
    }
  }
}
