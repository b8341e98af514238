package io.flashsale.inventory.ledger;

/**
 * An entry of an {@link ExpiryLane}. It may outlive its hold (committed or released earlier); it is
 * then skipped, which is cheaper than removing it from the middle of a lane.
 */
public record HoldRef(String holdId, long expiresAt) {}
