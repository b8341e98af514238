package io.flashsale.fraud.patterns;

import io.flashsale.events.CartEvent;

/**
 * A cart event as one rule sees it: under the key the rule groups by (a device, a coupon code, a
 * hold, ...). An event with two coupon codes takes part in a per-code rule twice.
 */
public record RuleEvent(String key, CartEvent event) {}
