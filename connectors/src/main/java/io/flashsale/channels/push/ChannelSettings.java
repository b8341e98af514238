package io.flashsale.channels.push;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.util.TimeUtils;

/**
 * One channel's connector settings: the {@code channel.<id>.*} keys of the job configuration,
 * without their prefix. Secrets are never among them: {@link #secret} reads each from the
 * environment of the process that pushes, or from a file named in the settings, so a secret never
 * travels in a job graph, a command line, a log or an exception.
 */
public record ChannelSettings(String channel, Map<String, String> values) implements Serializable {

  public static final String PREFIX = "channel.";

  public ChannelSettings {
    values = Map.copyOf(values);
  }

  /** The settings of {@code channel} among all configuration entries. */
  public static ChannelSettings of(String channel, Map<String, String> configuration) {
    String prefix = PREFIX + channel + ".";
    Map<String, String> own =
        configuration.entrySet().stream()
            .filter(e -> e.getKey().startsWith(prefix))
            .collect(
                java.util.stream.Collectors.toMap(
                    e -> e.getKey().substring(prefix.length()), Map.Entry::getValue));
    return new ChannelSettings(channel, own);
  }

  public String required(String name) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing setting " + key(name));
    }
    return value.trim();
  }

  public String text(String name, String fallback) {
    String value = values.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  public Duration duration(String name, Duration fallback) {
    return parsed(name, fallback, TimeUtils::parseDuration);
  }

  public double number(String name, double fallback) {
    return parsed(name, fallback, Double::parseDouble);
  }

  public int integer(String name, int fallback) {
    return parsed(name, fallback, Integer::parseInt);
  }

  /**
   * The secret {@code name}: the file named by the setting {@code <name>-file}, else the
   * environment variable {@link #environmentVariable}. A secret written in the settings themselves
   * is refused.
   */
  public String secret(String name, Function<String, String> environment) {
    if (values.containsKey(name)) {
      throw new IllegalArgumentException(
          key(name)
              + " must not hold the secret itself: set "
              + environmentVariable(name)
              + " or "
              + key(name + "-file"));
    }
    String file = values.get(name + "-file");
    String secret;
    if (file != null) {
      try {
        secret = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + key(name + "-file") + " at " + file, e);
      }
    } else {
      secret = environment.apply(environmentVariable(name));
    }
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException(
          "missing secret for channel '"
              + channel
              + "': set "
              + environmentVariable(name)
              + " or "
              + key(name + "-file"));
    }
    return secret.trim();
  }

  /** {@code FLASHSALE_<CHANNEL>_<NAME>}, for example FLASHSALE_AMAZON_REFRESH_TOKEN. */
  public String environmentVariable(String name) {
    return ("FLASHSALE_" + channel + "_" + name)
        .toUpperCase(Locale.ROOT)
        .replaceAll("[^A-Z0-9]", "_");
  }

  private String key(String name) {
    return PREFIX + channel + "." + name;
  }

  private <T> T parsed(String name, T fallback, Function<String, T> parse) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return parse.apply(value.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + key(name) + ": '" + value + "'", e);
    }
  }
}
