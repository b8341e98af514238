package io.flashsale.udfs;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code DISCOUNT_TIER(segment, tiers)}: the discount percent, an INT, for a customer segment.
 * {@code tiers} is the configuration, {@code segment:percent} entries separated by commas, such as
 * {@code 'loyal:15,lapsed:25,new:10,*:5'}; whitespace around names and numbers is allowed, names
 * match case-insensitively and {@code *} is any other segment. The segment's own entry wins, else
 * the {@code *} entry, else 0. A NULL segment gets the {@code *} entry (or 0); NULL tiers give
 * NULL.
 *
 * <p>Malformed tiers (an entry without a colon or without a name, a percent that is not an integer
 * from 0 to 100, a segment named twice) throw {@link IllegalArgumentException} naming the entry: a
 * typo in the configuration must stop the query, not quietly price everyone at 0.
 *
 * <pre>
 * CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS DISCOUNT_TIER
 *   AS 'io.flashsale.udfs.DiscountTier' LANGUAGE JAVA USING JAR 'udfs/target/flashsale-udfs.jar';
 * </pre>
 */
public class DiscountTier extends ScalarFunction {

  static final String ANY_SEGMENT = "*";

  // A query passes one constant, so each distinct tiers string is parsed once. Bounded in case a
  // query passes a column instead; not shipped with the function, rebuilt where it runs.
  private static final int CACHED_TIERS = 16;
  private transient Map<String, Map<String, Integer>> parsed;

  public Integer eval(String segment, String tiers) {
    if (tiers == null) {
      return null;
    }
    Map<String, Integer> percents = percents(tiers);
    Integer percent = segment == null ? null : percents.get(segment.toLowerCase(Locale.ROOT));
    return percent != null ? percent : percents.getOrDefault(ANY_SEGMENT, 0);
  }

  private Map<String, Integer> percents(String tiers) {
    if (parsed == null) {
      parsed =
          new LinkedHashMap<>(CACHED_TIERS, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, Integer>> eldest) {
              return size() > CACHED_TIERS;
            }
          };
    }
    return parsed.computeIfAbsent(tiers, DiscountTier::parse);
  }

  /** Parses {@code tiers} into lower-case segment name to percent. */
  static Map<String, Integer> parse(String tiers) {
    Map<String, Integer> percents = new HashMap<>();
    // -1 keeps trailing empty entries, so 'loyal:15,' is caught rather than skipped.
    for (String entry : tiers.split(",", -1)) {
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw malformed(entry, tiers, "no colon between segment and percent");
      }
      String segment = entry.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String percentText = entry.substring(colon + 1).trim();
      if (segment.isEmpty()) {
        throw malformed(entry, tiers, "no segment name");
      }
      int percent;
      try {
        percent = Integer.parseInt(percentText);
      } catch (NumberFormatException e) {
        throw malformed(entry, tiers, "percent '" + percentText + "' is not an integer");
      }
      if (percent < 0 || percent > 100) {
        throw malformed(entry, tiers, "percent " + percent + " is outside 0..100");
      }
      if (percents.putIfAbsent(segment, percent) != null) {
        throw malformed(entry, tiers, "segment '" + segment + "' is named twice");
      }
    }
    return Map.copyOf(percents);
  }

  private static IllegalArgumentException malformed(String entry, String tiers, String why) {
    return new IllegalArgumentException(
        "DISCOUNT_TIER: bad entry '" + entry.trim() + "' in tiers '" + tiers + "': " + why);
  }
}
