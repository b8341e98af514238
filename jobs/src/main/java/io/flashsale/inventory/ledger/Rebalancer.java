package io.flashsale.inventory.ledger;

import io.flashsale.channels.ChannelConfig;
import io.flashsale.channels.ChannelKind;
import io.flashsale.channels.Channels;
import io.flashsale.events.AckStatus;
import io.flashsale.events.AllocationOverride;
import io.flashsale.events.ChannelAck;
import io.flashsale.events.ChannelOverride;
import io.flashsale.events.ChannelQuota;
import io.flashsale.events.DemandForecast;
import io.flashsale.events.FbaRecommendation;
import io.flashsale.events.Pool;
import io.flashsale.events.QuotaReason;
import io.flashsale.events.SaleEvent;
import io.flashsale.inventory.SaleNotice;
import io.flashsale.inventory.allocation.AllocationConfig;
import io.flashsale.inventory.allocation.AllocationPolicy;
import io.flashsale.inventory.allocation.AllocationState;
import io.flashsale.inventory.allocation.Allocator;
import io.flashsale.inventory.allocation.ChannelState;
import io.flashsale.inventory.allocation.Claim;
import io.flashsale.inventory.allocation.DemandSample;
import io.flashsale.inventory.allocation.Exposure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Splits a SKU's MAIN stock among its channels and publishes the quotas, in the same keyed operator
 * as the ledger so a decision and the quotas it implies are always consistent.
 *
 * <p>The split: units nobody bought or holds, less the buffer and less what marketplaces may still
 * sell against superseded quotas, go to channels by forecast demand over the horizon times weight.
 * A marketplace is republished only when its share moves beyond the hysteresis (or to or from 0),
 * and only as far as unexposed units allow: a new quota is exposed on top of the old one until the
 * channel has applied it and reported the orders it took before. The own store sells what is left,
 * enforced in real time; in low stock the marketplaces pause and it may sell the buffer too.
 */
final class Rebalancer {

  private final Channels channels;
  private final AllocationPolicy policy;
  private final LedgerState state;

  Rebalancer(AllocationConfig config, LedgerState state) {
    this.channels = config.channelSet();
    this.policy = config.policy();
    this.state = state;
  }

  // ---- inputs that inform the next rebalance ----

  /** A marketplace order placed at {@code placedAt}: it uses up the quota it was placed under. */
  void onMarketplaceOrder(SkuCall call, String channel, long units, long placedAt)
      throws Exception {
    if (channels.kindOf(channel).orElse(null) == ChannelKind.MARKETPLACE) {
      Exposure.attribute(allocation(call).channel(channel).versions, units, placedAt);
      call.balances.exposure = exposure(call.balances, call.allocation);
    }
  }

  /**
   * A channel applied (or failed to apply) a quota.
   *
   * @return whether what the marketplaces may still sell moved
   */
  boolean onAck(SkuCall call, ChannelAck ack) throws Exception {
    ChannelConfig channel = channels.get(ack.channel()).orElse(null);
    if (channel == null || channel.kind() != ChannelKind.MARKETPLACE) {
      return false;
    }
    if (ack.status() == AckStatus.APPLIED && !channel.acksConfirmApplication()) {
      // Accepted, not known to be applied: the older quotas stay exposed until the new one's
      // sync lag has passed, and orders count against the oldest open quota until then.
      return false;
    }
    AllocationState allocation = allocation(call);
    Exposure.acknowledge(
        allocation.channel(ack.channel()).versions,
        ack.quotaVersion(),
        ack.status() == AckStatus.APPLIED,
        ack.appliedAt().toEpochMilli());
    long exposedBefore = call.balances.exposure;
    call.balances.exposure = exposure(call.balances, allocation);
    schedule(call, ack.appliedAt().toEpochMilli());
    return call.balances.exposure != exposedBefore;
  }

  /**
   * An external forecast, used from the SKU's next rebalance on.
   *
   * @return false: nothing the position shows moves at once
   */
  boolean onForecast(SkuCall call, DemandForecast forecast) throws Exception {
    ChannelState channel = allocation(call).channel(forecast.channel());
    channel.externalPerHour = forecast.unitsPerHour();
    channel.externalFrom = forecast.validFrom().toEpochMilli();
    channel.externalTo = forecast.validTo().toEpochMilli();
    return false;
  }

  /** A demand window closed; a big enough surprise rebalances at once. */
  boolean onDemand(SkuCall call, DemandSample sample) throws Exception {
    AllocationState allocation = allocation(call);
    ChannelState channel = allocation.channel(sample.channel());
    if (sample.windowEnd() <= channel.lastSampleEnd) {
      return false;
    }
    catchUp(channel, sample.windowEnd() - policy.demandSlide().toMillis());
    boolean warm = channel.demand.samples >= 3 || channel.hasExternalForecastAt(sample.windowEnd());
    double expected =
        forecastPerHour(channel, sample.windowEnd(), 1)
            * lift(call.context.salesInEffect(call.sku, sample.windowEnd()), sample.channel());
    channel.demand.observe(sample.perHour());
    channel.lastSampleEnd = sample.windowEnd();
    double surprise = Math.abs(sample.perHour() - expected);
    boolean deviates =
        warm
            && surprise > policy.deviationThreshold() * expected
            && surprise >= policy.minimumDeviationPerHour()
            && sample.windowEnd()
                >= allocation.lastDeviationRebalance + policy.demandWindow().toMillis();
    if (deviates) {
      allocation.lastDeviationRebalance = sample.windowEnd();
      return rebalance(call, QuotaReason.DEVIATION_TRIGGER, sample.windowEnd());
    }
    return false;
  }

  /**
   * An operator's settings for the SKU, applied by a rebalance unless an earlier one arrived late.
   *
   * @return whether the rebalance moved the MAIN position
   */
  boolean onOverride(SkuCall call, AllocationOverride override) throws Exception {
    AllocationState allocation = allocation(call);
    if (allocation.override != null
        && override.occurredAt().isBefore(allocation.override.occurredAt())) {
      return false;
    }
    allocation.override = override;
    return rebalance(call, QuotaReason.MANUAL, override.occurredAt().toEpochMilli());
  }

  /** A sale names this SKU: wake up when it starts and when it ends. */
  void onSaleNotice(SkuCall call, SaleNotice notice) {
    for (Instant boundary : List.of(notice.sale().startsAt(), notice.sale().endsAt())) {
      call.context.wakeUpAt(boundary.toEpochMilli());
    }
  }

  // ---- when to rebalance ----

  /** After any event: a sale that began or ended, or stock that fell low, rebalances now. */
  boolean afterEvent(SkuCall call, long time) throws Exception {
    List<SaleEvent> sales = call.context.salesInEffect(call.sku, time);
    if (signature(sales) != call.balances.saleSignature) {
      QuotaReason reason =
          sales.size() >= saleCount(call)
              ? QuotaReason.FLASH_SALE_START
              : QuotaReason.FLASH_SALE_END;
      return rebalance(call, reason, time);
    }
    // The threshold is 0 until the SKU's first rebalance, which every stock movement causes.
    SkuBalances balances = call.balances;
    if (!balances.lowStock && balances.allocatable() < balances.lowStockThreshold) {
      return rebalance(call, QuotaReason.LOW_STOCK_PAUSE, time);
    }
    return false;
  }

  /** A timer: the scheduled rebalance, a sale boundary, or exposure the channels released. */
  boolean onTime(SkuCall call, long time) throws Exception {
    if (time < call.balances.allocationWakeUp) {
      return false;
    }
    call.balances.allocationWakeUp = Long.MAX_VALUE;
    AllocationState allocation = allocation(call);
    long exposedBefore = call.balances.exposure;
    closeVersions(allocation, time);
    if (allocation.scheduledRebalance != Long.MIN_VALUE && time >= allocation.scheduledRebalance) {
      return rebalance(call, QuotaReason.SCHEDULED_REBALANCE, time);
    }
    if (exposure(call.balances, allocation) < exposedBefore) {
      // Units a marketplace can no longer sell are free to allocate again.
      return rebalance(call, QuotaReason.STOCK_CHANGE, time);
    }
    schedule(call, time);
    return false;
  }

  // ---- the rebalance ----

  /**
   * Splits the SKU's stock and publishes what changed.
   *
   * @return whether the MAIN position's buffer, exposure or availability moved
   */
  boolean rebalance(SkuCall call, QuotaReason reason, long time) throws Exception {
    AllocationState allocation = allocation(call);
    SkuBalances balances = call.balances;
    long availableBefore = balances.available(Pool.MAIN);
    long bufferBefore = balances.bufferUnits;
    long exposureBefore = balances.exposure;

    List<SaleEvent> sales = call.context.salesInEffect(call.sku, time);
    balances.saleSignature = signature(sales);
    allocation.salesInEffect = sales.stream().map(SaleEvent::saleId).sorted().toList();
    closeVersions(allocation, time);

    double horizonPeriods = policy.horizon().toMillis() / (double) policy.demandSlide().toMillis();
    double volatility = 0;
    double weightOfVolatility = 0;
    for (ChannelConfig channel : channels.all()) {
      ChannelState state = allocation.channel(channel.id());
      catchUp(state, time - policy.demandWindow().toMillis());
      volatility += state.demand.volatility() * state.demand.level;
      weightOfVolatility += state.demand.level;
    }
    long buffer =
        bufferUnits(
            allocation.override, sales, volatility / Math.max(weightOfVolatility, 1e-9), balances);
    long sellable = balances.main.onHand - balances.main.committed - balances.main.held - buffer;
    long exposed = exposure(balances, allocation);
    long locked = balances.lockedExposure;
    long allocatable = Math.max(0, sellable - locked);
    long threshold = lowStockThreshold(allocation.override);
    boolean lowStock = allocatable < threshold;
    if (reason == QuotaReason.LOW_STOCK_PAUSE && !lowStock) {
      // Checked against the last rebalance's buffer and locked units; recounted, stock is not low.
      reason = QuotaReason.STOCK_CHANGE;
    }

    List<Claim> claims = new ArrayList<>();
    for (ChannelConfig channel : channels.all()) {
      boolean marketplace = channel.kind() == ChannelKind.MARKETPLACE;
      if (channel.kind() == ChannelKind.FBA
          || (marketplace && (lowStock || paused(allocation, channel)))) {
        continue;
      }
      ChannelState state = allocation.channel(channel.id());
      double demand =
          forecastPerHour(state, time, horizonPeriods)
              * lift(sales, channel.id())
              * policy.horizonHours();
      boolean sellsInASaleElsewhere =
          !sales.isEmpty() && marketplace && lift(sales, channel.id()) == 1;
      claims.add(
          new Claim(
              channel.id(),
              demand,
              weight(allocation, channel),
              minUnits(allocation, channel),
              !sellsInASaleElsewhere));
    }
    Map<String, Long> shares = Allocator.split(allocatable, claims);

    // Every unit a republished quota is given is exposed on top of the old quota until the channel
    // has applied it, and comes out of what the own store can sell meanwhile: lowered quotas go
    // first, and a raise only uses units beyond the own store's demand over the channel's lag.
    long room = sellable - exposed;
    double ownStorePerHour = 0;
    for (ChannelConfig channel : channels.ofKind(ChannelKind.DIRECT)) {
      ownStorePerHour +=
          forecastPerHour(allocation.channel(channel.id()), time, horizonPeriods)
              * lift(sales, channel.id());
    }
    List<ChannelConfig> marketplaces = new ArrayList<>(channels.ofKind(ChannelKind.MARKETPLACE));
    marketplaces.sort(
        Comparator.comparingLong(
            c -> shares.getOrDefault(c.id(), 0L) - allocation.channel(c.id()).quota));
    for (ChannelConfig channel : marketplaces) {
      ChannelState state = allocation.channel(channel.id());
      long target = shares.getOrDefault(channel.id(), 0L);
      boolean pausing = lowStock || paused(allocation, channel);
      if (!shouldPublish(state, target, pausing)) {
        continue;
      }
      long quota;
      if (target <= state.quota || state.quotaVersion == 0) {
        quota = Math.min(target, Math.max(0, room));
      } else {
        double lagHours = 2 * channel.maxSyncLag().toMillis() / 3_600_000.0;
        long spare = room - (long) Math.ceil(ownStorePerHour * lagHours);
        if (spare <= state.quota || !shouldPublish(state, Math.min(target, spare), pausing)) {
          continue;
        }
        quota = Math.min(target, spare);
      }
      QuotaReason why = lowStock && !state.listingPaused ? QuotaReason.LOW_STOCK_PAUSE : reason;
      publish(call, state, quota, pausing, why, time);
      Exposure.publish(state.versions, state.quotaVersion, quota, time);
      room -= quota;
      exposed += quota;
    }

    balances.bufferUnits = buffer;
    balances.exposure = exposed;
    balances.lowStock = lowStock;
    balances.lowStockThreshold = threshold;
    long ownStore = balances.available(Pool.MAIN);
    for (ChannelConfig channel : channels.ofKind(ChannelKind.DIRECT)) {
      ChannelState state = allocation.channel(channel.id());
      if (shouldPublish(state, ownStore, false)) {
        publish(call, state, ownStore, false, reason, time);
      }
    }
    recommendFba(call, allocation, sellable, horizonPeriods, time);

    // A SKU with nothing to sell and nothing out on the marketplaces waits for its next event.
    boolean idle = balances.main.onHand - balances.main.committed <= 0 && balances.exposure == 0;
    if (idle) {
      allocation.scheduledRebalance = Long.MIN_VALUE;
    } else if (allocation.scheduledRebalance == Long.MIN_VALUE
        || time >= allocation.scheduledRebalance) {
      allocation.scheduledRebalance = time + policy.rebalanceInterval().toMillis();
    }
    schedule(call, time);
    return balances.available(Pool.MAIN) != availableBefore
        || balances.bufferUnits != bufferBefore
        || balances.exposure != exposureBefore;
  }

  private boolean shouldPublish(ChannelState state, long target, boolean pausing) {
    if (state.quotaVersion == 0 || pausing != state.listingPaused) {
      return true;
    }
    if ((target == 0) != (state.quota == 0)) {
      return true;
    }
    long moved = Math.abs(target - state.quota);
    return moved > 0
        && moved
            >= Math.max(policy.hysteresisUnits(), policy.hysteresisPercent() / 100 * state.quota);
  }

  private void publish(
      SkuCall call, ChannelState state, long quota, boolean paused, QuotaReason reason, long time) {
    QuotaReason why = state.quotaVersion == 0 ? QuotaReason.INITIAL : reason;
    long previous = state.quota;
    state.quota = quota;
    state.quotaVersion++;
    state.listingPaused = paused;
    call.context.quota(
        new ChannelQuota(
            call.sku,
            state.channel,
            quota,
            previous,
            state.quotaVersion,
            why,
            paused,
            Instant.ofEpochMilli(time)));
  }

  private void recommendFba(
      SkuCall call, AllocationState allocation, long sellable, double horizonPeriods, long time) {
    List<ChannelConfig> fbaChannels = channels.ofKind(ChannelKind.FBA);
    if (fbaChannels.isEmpty()) {
      return;
    }
    double perDay = 0;
    for (ChannelConfig channel : fbaChannels) {
      perDay += forecastPerHour(allocation.channel(channel.id()), time, horizonPeriods) * 24;
    }
    PoolBalance fba = call.balances.fba;
    long fbaAvailable = fba.onHand - fba.committed;
    long cover = (long) Math.ceil(perDay * policy.fbaDaysOfCover());
    long recommended = Math.max(0, Math.min(cover - fbaAvailable, Math.max(0, sellable)));
    if (recommended != allocation.fbaRecommended) {
      allocation.fbaRecommended = recommended;
      call.context.fbaRecommendation(
          new FbaRecommendation(
              call.sku,
              recommended,
              fbaAvailable,
              perDay,
              policy.fbaDaysOfCover(),
              Math.max(0, sellable),
              Instant.ofEpochMilli(time)));
    }
  }

  // ---- demand ----

  /** Demand windows that ended by {@code until} without firing sold nothing. */
  private void catchUp(ChannelState channel, long until) {
    if (channel.lastSampleEnd == Long.MIN_VALUE) {
      return;
    }
    long slide = policy.demandSlide().toMillis();
    long missed = Math.min((until - channel.lastSampleEnd) / slide, 2 * periodsPerWindow());
    for (long i = 0; i < missed; i++) {
      channel.demand.observe(0);
    }
    if (missed > 0) {
      channel.lastSampleEnd += ((until - channel.lastSampleEnd) / slide) * slide;
    }
  }

  private long periodsPerWindow() {
    return Math.max(1, policy.demandWindow().toMillis() / policy.demandSlide().toMillis());
  }

  /** Units per hour over the next {@code periods}: the valid external forecast, else our own. */
  private static double forecastPerHour(ChannelState channel, long time, double periods) {
    return channel.hasExternalForecastAt(time)
        ? channel.externalPerHour
        : channel.demand.meanPerHour(periods);
  }

  /** The lift a sale in effect gives a channel's demand: the largest expectedLift on it, or 1. */
  private static double lift(List<SaleEvent> sales, String channel) {
    double lift = 1;
    for (SaleEvent sale : sales) {
      if (sale.channel().equals(channel)) {
        lift = Math.max(lift, sale.expectedLift() == null ? 1 : sale.expectedLift());
      }
    }
    return lift;
  }

  // ---- policy with the SKU's override ----

  private long bufferUnits(
      AllocationOverride override, List<SaleEvent> sales, double volatility, SkuBalances balances) {
    double percent =
        policy.bufferPercent()
            + (policy.maxBufferPercent() - policy.bufferPercent())
                * Math.max(0, Math.min(1, volatility));
    for (SaleEvent sale : sales) {
      if (sale.bufferPercent() != null) {
        percent = Math.max(percent, sale.bufferPercent());
      }
    }
    if (override != null && override.bufferPercent() != null) {
      percent = override.bufferPercent();
    }
    return (long)
        Math.floor(percent / 100 * Math.max(0, balances.main.onHand - balances.main.committed));
  }

  private long lowStockThreshold(AllocationOverride override) {
    return override != null && override.lowStockThreshold() != null
        ? override.lowStockThreshold()
        : policy.lowStockThreshold();
  }

  private static ChannelOverride overrideOf(AllocationState allocation, String channel) {
    if (allocation.override == null || allocation.override.channels() == null) {
      return null;
    }
    return allocation.override.channels().stream()
        .filter(o -> o.channel().equals(channel))
        .findFirst()
        .orElse(null);
  }

  private static boolean paused(AllocationState allocation, ChannelConfig channel) {
    ChannelOverride override = overrideOf(allocation, channel.id());
    return override != null && Boolean.TRUE.equals(override.paused());
  }

  private static double weight(AllocationState allocation, ChannelConfig channel) {
    ChannelOverride override = overrideOf(allocation, channel.id());
    return override != null && override.weight() != null ? override.weight() : channel.weight();
  }

  private static int minUnits(AllocationState allocation, ChannelConfig channel) {
    ChannelOverride override = overrideOf(allocation, channel.id());
    return override != null && override.minUnits() != null
        ? override.minUnits()
        : channel.minUnits();
  }

  // ---- exposure and timers ----

  private void closeVersions(AllocationState allocation, long time) {
    for (ChannelConfig channel : channels.ofKind(ChannelKind.MARKETPLACE)) {
      Exposure.close(
          allocation.channel(channel.id()).versions, time, channel.maxSyncLag().toMillis());
    }
  }

  /**
   * What the marketplaces may still sell; how much of it is locked is recounted into the balances.
   */
  private long exposure(SkuBalances balances, AllocationState allocation) {
    long exposed = 0;
    long locked = 0;
    for (ChannelConfig channel : channels.ofKind(ChannelKind.MARKETPLACE)) {
      exposed += Exposure.of(allocation.channel(channel.id()).versions);
      locked += Exposure.locked(allocation.channel(channel.id()).versions);
    }
    balances.lockedExposure = locked;
    return exposed;
  }

  /** Registers the next allocation timer: the scheduled rebalance or the next exposure release. */
  private void schedule(SkuCall call, long now) {
    AllocationState allocation = call.allocation;
    long next =
        allocation.scheduledRebalance == Long.MIN_VALUE
            ? Long.MAX_VALUE
            : allocation.scheduledRebalance;
    for (ChannelConfig channel : channels.ofKind(ChannelKind.MARKETPLACE)) {
      next =
          Math.min(
              next,
              Exposure.nextClose(
                  allocation.channel(channel.id()).versions, channel.maxSyncLag().toMillis()));
    }
    if (next != Long.MAX_VALUE && next < call.balances.allocationWakeUp) {
      call.balances.allocationWakeUp = Math.max(next, now);
      call.context.wakeUpAt(call.balances.allocationWakeUp);
    }
  }

  /** Tells the context how much each marketplace's exposure moved since this SKU last told it. */
  void reportExposure(SkuCall call) {
    for (ChannelConfig channel : channels.ofKind(ChannelKind.MARKETPLACE)) {
      ChannelState state = call.allocation.channel(channel.id());
      long exposed = Exposure.of(state.versions);
      if (exposed != state.exposureReported) {
        call.context.exposureMoved(channel.id(), exposed - state.exposureReported);
        state.exposureReported = exposed;
      }
    }
  }

  private AllocationState allocation(SkuCall call) throws Exception {
    if (call.allocation == null) {
      AllocationState stored = state.allocation.value();
      call.allocation = stored != null ? stored : new AllocationState();
    }
    return call.allocation;
  }

  private int saleCount(SkuCall call) throws Exception {
    return allocation(call).salesInEffect.size();
  }

  private static long signature(List<SaleEvent> sales) {
    long signature = 0;
    for (SaleEvent sale : sales) {
      signature += sale.saleId().hashCode() * 31L + sale.startsAt().toEpochMilli();
    }
    return signature;
  }
}
