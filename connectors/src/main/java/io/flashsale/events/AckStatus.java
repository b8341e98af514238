package io.flashsale.events;

/** Whether a channel applied a published quota. */
public enum AckStatus {
  APPLIED,
  FAILED
}
