package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;
import io.flashsale.events.CartEventType;
import io.flashsale.events.FraudPattern;
import io.flashsale.events.SubjectType;
import java.time.Duration;
import java.util.List;

/**
 * BOT_VELOCITY: {@code holds} hold requests from one device (or one IP) within {@code window}. A
 * person adds a few lines to a cart in a minute; a bot grabs stock in bursts.
 */
public record HoldBurst(SubjectType subjectType, int holds, Duration window, int weight)
    implements BurstRule {

  public HoldBurst {
    if (subjectType != SubjectType.DEVICE && subjectType != SubjectType.IP) {
      throw new IllegalArgumentException("hold bursts are counted per DEVICE or IP");
    }
    Bursts.check("hold-burst", holds, window, weight);
  }

  @Override
  public String name() {
    return "hold-burst-" + subjectType.name().toLowerCase();
  }

  @Override
  public FraudPattern pattern() {
    return FraudPattern.BOT_VELOCITY;
  }

  @Override
  public List<String> keys(CartEvent event) {
    if (event.type() != CartEventType.HOLD_REQUESTED) {
      return List.of();
    }
    String key = subjectType == SubjectType.DEVICE ? event.deviceId() : event.ip();
    return key == null ? List.of() : List.of(key);
  }

  @Override
  public Distinct distinct() {
    return Distinct.EVENTS;
  }

  @Override
  public int count() {
    return holds;
  }
}
