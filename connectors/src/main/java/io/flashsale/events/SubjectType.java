package io.flashsale.events;

/** What a fraud alert is about. */
public enum SubjectType {
  CUSTOMER,
  DEVICE,
  IP,
  COUPON,
  PAYMENT,
  ADDRESS
}
