package io.flashsale.inventory;

import io.flashsale.events.SaleEvent;

/**
 * A sale event addressed to one SKU it names, so that SKU's ledger can set timers for the sale's
 * start and end. Sales that name no SKU (all SKUs) reach each SKU at its next event instead.
 */
public record SaleNotice(String sku, SaleEvent sale) {}
