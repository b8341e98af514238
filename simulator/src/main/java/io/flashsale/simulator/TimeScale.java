package io.flashsale.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flashsale.channels.ChannelConfig;
import io.flashsale.config.EventTimeOptions;
import io.flashsale.fraud.FraudOptions;
import io.flashsale.inventory.InventoryOptions;
import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.inventory.allocation.AllocationPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Plays a sale faster than the wall clock. Everything the system measures in time is divided by the
 * scenario's speed, so that at speed 240 an hour of sale takes 15 seconds and the system behaves as
 * it would in that hour: hold lifetimes, the channels' sync lags, the allocation's windows and
 * schedule, and the fraud rules' windows. Rates per hour are multiplied by it.
 */
public final class TimeScale {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .registerModule(
              new SimpleModule("flink-durations")
                  .addSerializer(
                      Duration.class,
                      new JsonSerializer<>() {
                        @Override
                        public void serialize(
                            Duration value, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                          gen.writeString(value.toMillis() + "ms");
                        }
                      }));

  static final Duration SIMULATED_OUT_OF_ORDERNESS = Duration.ofSeconds(1);

  private final double speed;

  public TimeScale(double speed) {
    this.speed = speed;
  }

  /** The wall-clock time a sale-time duration takes. */
  public Duration wall(Duration saleTime) {
    return Duration.ofMillis(Math.round(saleTime.toMillis() / speed));
  }

  /** The sale time that a wall-clock duration stands for. */
  public Duration sale(Duration wallTime) {
    return Duration.ofMillis(Math.round(wallTime.toMillis() * speed));
  }

  /**
   * Sets the scaled job options in {@code config}: hold lifetime, event-time tolerance, fraud
   * windows, and an allocation file (written into {@code dir}) whose marketplaces lag as the
   * scenario's do.
   */
  public void configure(Configuration config, Scenario scenario, Path dir) {
    config.set(InventoryOptions.HOLD_TTL, wall(scenario.holdTtl()));
    // Events are stamped when they are sent, so they arrive late only by the time the broker and
    // a loaded machine take to deliver them, which is not scaled: the shipped 2 s would stretch
    // every hold by 16 minutes at speed 480, and 200 ms lost a bot's holds as late on a loaded
    // machine.
    config.set(EventTimeOptions.OUT_OF_ORDERNESS, SIMULATED_OUT_OF_ORDERNESS);
    for (ConfigOption<Duration> window : fraudWindows()) {
      config.set(window, wall(config.get(window)));
    }
    config.set(
        InventoryOptions.ALLOCATION_FILE,
        write(allocation(InventoryOptions.allocation(config), scenario), dir).toString());
  }

  private AllocationConfig allocation(AllocationConfig shipped, Scenario scenario) {
    List<ChannelConfig> channels =
        shipped.channels().stream()
            .map(
                channel -> {
                  Duration lag =
                      scenario.marketplaces().stream()
                          .filter(m -> m.channel().equals(channel.id()))
                          .findFirst()
                          .map(Scenario.Marketplace::maxLag)
                          .orElse(channel.maxSyncLag());
                  return new ChannelConfig(
                      channel.id(),
                      channel.kind(),
                      channel.weight(),
                      channel.minUnits(),
                      wall(lag),
                      channel.connector());
                })
            .toList();
    AllocationPolicy p = shipped.policy();
    AllocationPolicy scaled =
        new AllocationPolicy(
            p.bufferPercent(),
            p.maxBufferPercent(),
            p.lowStockThreshold(),
            p.hysteresisUnits(),
            p.hysteresisPercent(),
            wall(p.rebalanceInterval()),
            p.deviationThreshold(),
            p.minimumDeviationPerHour() * speed,
            wall(p.demandWindow()),
            wall(p.demandSlide()),
            wall(p.horizon()),
            p.overbookingCap(),
            p.conversionPriorCheckouts(),
            p.conversionPriorHolds(),
            p.fbaDaysOfCover());
    return new AllocationConfig(channels, scaled);
  }

  private static Path write(AllocationConfig allocation, Path dir) {
    Path file = dir.resolve("allocation.yaml");
    try {
      YAML.writeValue(file.toFile(), allocation);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Every duration option of the fraud rules: their windows and the score horizon. */
  @SuppressWarnings("unchecked")
  private static List<ConfigOption<Duration>> fraudWindows() {
    return Arrays.stream(FraudOptions.class.getFields())
        .map(TimeScale::option)
        .flatMap(Optional::stream)
        .filter(option -> option.hasDefaultValue() && option.defaultValue() instanceof Duration)
        .map(option -> (ConfigOption<Duration>) option)
        .toList();
  }

  private static Optional<ConfigOption<?>> option(Field field) {
    try {
      Object value = field.get(null);
      return value instanceof ConfigOption<?> option ? Optional.of(option) : Optional.empty();
    } catch (IllegalAccessException e) {
      return Optional.empty();
    }
  }
}
