package io.flashsale.embedded;

import java.util.regex.Pattern;

/**
 * How clients get into an {@link EmbeddedPostgres}: trusted plain connections as the superuser, or
 * TLS only with a login role's password, as a production database is reached.
 */
public final class PostgresSecurity {

  private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final boolean tls;
  private final String role;
  private final String password;

  private PostgresSecurity(boolean tls, String role, String password) {
    this.tls = tls;
    this.role = role;
    this.password = password;
  }

  /** Plain connections, any password, as the superuser {@code postgres}: tests and the demo. */
  public static PostgresSecurity trust() {
    // Trust authentication ignores the password, but Flink's JDBC DDL insists on one.
    return new PostgresSecurity(false, "postgres", "postgres");
  }

  /**
   * TLS with a certificate for {@code 127.0.0.1} made at start, and {@code role} logging in with
   * {@code password} (scram-sha-256) to a database of its own name; connections without TLS are
   * refused.
   */
  public static PostgresSecurity tlsWithPassword(String role, String password) {
    if (!ROLE.matcher(role).matches()) {
      throw new IllegalArgumentException(
          "role must be a lower-case identifier, got '" + role + "'");
    }
    if (password.isEmpty() || password.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("the password must be non-empty text");
    }
    return new PostgresSecurity(true, role, password);
  }

  boolean tls() {
    return tls;
  }

  String role() {
    return role;
  }

  String password() {
    return password;
  }

  /** The role's own database under TLS, the default one otherwise. */
  String database() {
    return tls ? role : "postgres";
  }

  /** Never the password: these settings may end up in an assertion message or a log line. */
  @Override
  public String toString() {
    return tls ? "TLS, role " + role + " with a password" : "trust";
  }
}
