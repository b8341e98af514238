package io.flashsale.events;

/**
 * A stock pool: the brand's own warehouse (MAIN) or units inside Amazon's fulfilment network (FBA).
 */
public enum Pool {
  MAIN,
  FBA
}
