package io.flashsale.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/** How the jobs derive event time from their inputs. */
public final class EventTimeOptions {

  public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
      key("event-time.out-of-orderness")
          .durationType()
          .defaultValue(Duration.ofSeconds(2))
          .withDescription(
              "How far behind the newest event time an event may arrive and still be on time."
                  + " Watermarks trail the newest event time by this much.");

  public static final ConfigOption<Duration> IDLE_TIMEOUT =
      key("event-time.idle-timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withDescription(
              "After this long without input, an input's event time follows the wall clock (less"
                  + " the out-of-orderness), so holds expire on time when the shop goes quiet.");

  private EventTimeOptions() {}
}
