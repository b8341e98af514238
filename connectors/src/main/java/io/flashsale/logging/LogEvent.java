package io.flashsale.logging;

/**
 * One log line in logfmt: {@code event=channel_failing channel=amazon reason="503 Service
 * Unavailable"}. The jobs log notable events only, one line each, never a record's contents or a
 * secret; values that are not plain words are quoted, so every line parses back into its fields.
 */
public final class LogEvent {

  private final StringBuilder line;

  private LogEvent(String event) {
    line = new StringBuilder("event=").append(event);
  }

  public static LogEvent of(String event) {
    return new LogEvent(event);
  }

  public LogEvent with(String key, Object value) {
    line.append(' ').append(key).append('=');
    String text = String.valueOf(value);
    if (!text.isEmpty() && text.chars().allMatch(LogEvent::plain)) {
      line.append(text);
    } else {
      line.append('"');
      text.chars()
          .forEach(
              c -> {
                switch (c) {
                  case '"' -> line.append("\\\"");
                  case '\\' -> line.append("\\\\");
                  case '\n' -> line.append("\\n");
                  case '\r' -> line.append("\\r");
                  default -> line.append((char) c);
                }
              });
      line.append('"');
    }
    return this;
  }

  private static boolean plain(int c) {
    return c > ' ' && c != '"' && c != '=' && c != '\\' && c < 127;
  }

  @Override
  public String toString() {
    return line.toString();
  }
}
