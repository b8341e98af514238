package io.flashsale.cluster;

import io.flashsale.events.Decision;
import io.flashsale.testing.TopicTail;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a sale's answers came back after a fault, as storefronts read them (times are wall clock,
 * epoch milliseconds): how many cart events were sent while the fault lasted, when the first answer
 * to a cart event sent after the fault began was read, and when the last answer to those sent while
 * it lasted was.
 */
record Recovery(int sentWhileDown, long firstNewAnswerAt, long caughtUpAt) {

  /** Measured on the decisions read, for a fault from {@code downAt} until {@code upAt}. */
  static Recovery measure(
      List<TopicTail.Received<Decision>> received, SaleReplay sale, long downAt, long upAt) {
    Map<String, Long> answeredAt = new HashMap<>();
    for (TopicTail.Received<Decision> decision : received) {
      if (decision.value().requestEventId() != null) {
        answeredAt.putIfAbsent(decision.value().requestEventId(), decision.receivedAtMillis());
      }
    }
    long firstNewAnswer = Long.MAX_VALUE;
    long caughtUp = Long.MIN_VALUE;
    int sentWhileDown = 0;
    for (Map.Entry<String, Long> answer : answeredAt.entrySet()) {
      Long sent = sale.firstSentMillis(answer.getKey());
      if (sent != null && sent > downAt) {
        firstNewAnswer = Math.min(firstNewAnswer, answer.getValue());
        if (sent <= upAt) {
          caughtUp = Math.max(caughtUp, answer.getValue());
          sentWhileDown++;
        }
      }
    }
    return new Recovery(sentWhileDown, firstNewAnswer, caughtUp);
  }
}
