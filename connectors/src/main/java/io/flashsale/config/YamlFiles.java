package io.flashsale.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;

/**
 * Reads the project's YAML configuration files into records. Durations are written as in Flink's
 * configuration ({@code 30s}, {@code 4h}); an unknown key is an error, so a typo is not silently
 * ignored.
 */
public final class YamlFiles {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .registerModule(
              new SimpleModule("flink-durations")
                  .addDeserializer(
                      Duration.class,
                      new JsonDeserializer<>() {
                        @Override
                        public Duration deserialize(JsonParser parser, DeserializationContext c)
                            throws IOException {
                          return TimeUtils.parseDuration(parser.getValueAsString());
                        }
                      }));

  private YamlFiles() {}

  public static <T> T read(Path file, Class<T> type) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, type, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static <T> T readResource(String resource, Class<T> type) {
    try (InputStream in = YamlFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + resource + " on the classpath");
      }
      return read(in, type, resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static <T> T read(InputStream in, Class<T> type, String name) throws IOException {
    try {
      return YAML.readValue(in, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid configuration in " + name + ": " + e.getMessage(), e);
    }
  }
}
