package io.flashsale.inventory.ledger;

/**
 * The terms a hold request is granted under: the policy's, unless a sale in effect for it sets its
 * own.
 *
 * @param ttlMs how long the hold lasts
 * @param limitPerCustomer the most units of the SKU its customer, or its device, may hold; 0 for no
 *     limit
 */
record HoldTerms(long ttlMs, int limitPerCustomer) {}
