package io.flashsale.inventory.ledger;

import io.flashsale.inventory.allocation.AllocationState;

/** The SKU one call of the ledger works on: loaded at the start of the call, saved at its end. */
final class SkuCall {
  String sku;
  SkuBalances balances;
  LedgerContext context;

  /** Loaded only when allocation is needed; saved only when it was. */
  AllocationState allocation;
}
