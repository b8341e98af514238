package io.flashsale.embedded;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Collections;
import java.util.UUID;

/**
 * TLS for a server directory: the certificate and key of {@link TlsStores} as the PEM files
 * PostgreSQL reads, and client authentication rules that take TLS with a password and nothing else.
 */
final class PostgresTls {

  private static final String HBA =
      String.join(
          "\n",
          "# Written by EmbeddedPostgres: the harness over the server directory's socket, clients",
          "# over TLS with a password, and nothing without TLS.",
          "local      all  all                trust",
          "hostssl    all  all  127.0.0.1/32  scram-sha-256",
          "hostnossl  all  all  all           reject",
          "");

  private final Path certificate;
  private final Path key;

  private PostgresTls(Path certificate, Path key) {
    this.certificate = certificate;
    this.key = key;
  }

  /**
   * Writes the certificate, the key and {@code pg_hba.conf} for the server in {@code directory}.
   */
  static PostgresTls configure(PostgresCommands commands, Path directory, Path data) {
    Path tls = directory.resolve("tls");
    Path stores = tls.resolve("stores");
    try {
      TlsStores generated =
          TlsStores.generate(stores, UUID.randomUUID().toString(), UUID.randomUUID().toString());
      KeyStore keystore = KeyStore.getInstance(generated.type());
      try (InputStream in = Files.newInputStream(generated.keystore())) {
        keystore.load(in, generated.keystorePassword().toCharArray());
      }
      String alias = Collections.list(keystore.aliases()).get(0);
      Path certificate = tls.resolve("server.crt");
      Path key = tls.resolve("server.key");
      Files.writeString(
          certificate, pem("CERTIFICATE", keystore.getCertificate(alias).getEncoded()), US_ASCII);
      Key privateKey = keystore.getKey(alias, generated.keystorePassword().toCharArray());
      // PostgreSQL refuses a key that anyone but its owner can read.
      Files.createFile(
          key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()), US_ASCII);
      commands.own(key);
      deleteStores(stores);
      Files.writeString(data.resolve("pg_hba.conf"), HBA, US_ASCII);
      return new PostgresTls(certificate, key);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Could not set up TLS in " + directory, e);
    }
  }

  /** The server's self-signed certificate: the file clients trust ({@code sslrootcert}). */
  Path certificate() {
    return certificate;
  }

  /** The server settings that turn TLS on, for {@code pg_ctl -o}. */
  String serverOptions() {
    return String.format(
        "-c ssl=on -c ssl_cert_file='%s' -c ssl_key_file='%s'"
            // Older servers store md5 hashes by default, which scram-sha-256 cannot check.
            + " -c password_encryption=scram-sha-256",
        certificate, key);
  }

  private static String pem(String type, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }

  private static void deleteStores(Path stores) throws IOException {
    try (var files = Files.list(stores)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(stores);
  }
}
