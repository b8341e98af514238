package io.flashsale.inventory.allocation;

/**
 * A channel's claim on a SKU's allocatable units.
 *
 * @param demand units the channel is forecast to sell over the horizon
 * @param takesLeftover whether units nobody needs may go to it (not to marketplaces during a flash
 *     sale on another channel: they shrink to what they need)
 */
public record Claim(
    String channel, double demand, double weight, int minUnits, boolean takesLeftover) {}
