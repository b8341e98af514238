package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;
import java.util.List;

/** What a burst counts distinct values of. */
public enum Distinct {
  /** Events, by eventId: a re-sent event counts once. */
  EVENTS {
    @Override
    List<String> of(CartEvent event) {
      return List.of(event.eventId());
    }
  },
  /** Customers: the same customer again adds nothing. */
  CUSTOMERS {
    @Override
    List<String> of(CartEvent event) {
      return List.of(event.customerId());
    }
  },
  /** Coupon codes: an event counts if it brings a code not seen yet. */
  COUPON_CODES {
    @Override
    List<String> of(CartEvent event) {
      return event.couponCodes() == null ? List.of() : event.couponCodes();
    }
  };

  abstract List<String> of(CartEvent event);
}
