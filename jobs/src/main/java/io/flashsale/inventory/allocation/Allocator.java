package io.flashsale.inventory.allocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a SKU's allocatable units among channels: first each channel's minimum, then in proportion
 * to forecast demand times weight, never giving a channel more than it can sell over the horizon
 * while another channel could still use the units; what nobody needs goes by weight. Shares are
 * whole units that add up exactly to what was split (largest remainder).
 */
public final class Allocator {

  private Allocator() {}

  /**
   * @param units the allocatable units, at least 0
   * @param claims the channels that may receive units, in configuration order (ties go to the
   *     earlier one)
   * @return each channel's share, in the order of {@code claims}
   */
  public static Map<String, Long> split(long units, List<Claim> claims) {
    double[] shares = new double[claims.size()];
    double remaining = Math.max(0, units);
    for (int i : byWeight(claims)) {
      double minimum = Math.min(claims.get(i).minUnits(), remaining);
      shares[i] += minimum;
      remaining -= minimum;
    }
    remaining = fillDemand(claims, shares, remaining);
    giveLeftover(claims, shares, remaining);
    return roundToUnits(claims, shares, Math.max(0, units));
  }

  /** Water-filling: proportional to demand x weight, each capped at its demand. */
  private static double fillDemand(List<Claim> claims, double[] shares, double remaining) {
    while (remaining > 1e-9) {
      List<Integer> needy = new ArrayList<>();
      double totalKey = 0;
      for (int i = 0; i < claims.size(); i++) {
        if (need(claims.get(i), shares[i]) > 1e-9 && key(claims.get(i)) > 0) {
          needy.add(i);
          totalKey += key(claims.get(i));
        }
      }
      if (needy.isEmpty()) {
        return remaining;
      }
      List<Integer> saturated = new ArrayList<>();
      for (int i : needy) {
        if (remaining * key(claims.get(i)) / totalKey >= need(claims.get(i), shares[i])) {
          saturated.add(i);
        }
      }
      if (saturated.isEmpty()) {
        for (int i : needy) {
          shares[i] += remaining * key(claims.get(i)) / totalKey;
        }
        return 0;
      }
      for (int i : saturated) {
        double need = need(claims.get(i), shares[i]);
        shares[i] += need;
        remaining -= need;
      }
    }
    return remaining;
  }

  private static void giveLeftover(List<Claim> claims, double[] shares, double remaining) {
    double totalWeight = 0;
    for (Claim claim : claims) {
      totalWeight += claim.takesLeftover() ? claim.weight() : 0;
    }
    if (remaining <= 1e-9 || totalWeight <= 0) {
      return;
    }
    for (int i = 0; i < claims.size(); i++) {
      if (claims.get(i).takesLeftover()) {
        shares[i] += remaining * claims.get(i).weight() / totalWeight;
      }
    }
  }

  /** Floors every share, then gives the units left to the largest fractions. */
  private static Map<String, Long> roundToUnits(List<Claim> claims, double[] shares, long units) {
    long[] whole = new long[shares.length];
    long given = 0;
    for (int i = 0; i < shares.length; i++) {
      whole[i] = (long) Math.floor(shares[i] + 1e-9);
      given += whole[i];
    }
    double placed = 0;
    for (double share : shares) {
      placed += share;
    }
    long toPlace = Math.min(units, Math.round(placed)) - given;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingDouble((Integer i) -> -(shares[i] - whole[i]))
            .thenComparingDouble(i -> -claims.get(i).weight()));
    for (int k = 0; k < toPlace && k < order.size(); k++) {
      whole[order.get(k)]++;
    }
    Map<String, Long> result = new LinkedHashMap<>();
    for (int i = 0; i < claims.size(); i++) {
      result.put(claims.get(i).channel(), whole[i]);
    }
    return result;
  }

  private static double need(Claim claim, double share) {
    return claim.demand() - share;
  }

  private static double key(Claim claim) {
    return claim.demand() * claim.weight();
  }

  private static List<Integer> byWeight(List<Claim> claims) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> -claims.get(i).weight()));
    return order;
  }
}
