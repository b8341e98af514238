package io.flashsale.events;

/** Why a channel's quota changed. */
public enum QuotaReason {
  INITIAL,
  STOCK_CHANGE,
  SCHEDULED_REBALANCE,
  DEVIATION_TRIGGER,
  FLASH_SALE_START,
  FLASH_SALE_END,
  LOW_STOCK_PAUSE,
  MANUAL
}
