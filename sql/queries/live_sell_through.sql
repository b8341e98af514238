-- Live sell-through and quotas per channel, minute by minute: units sold in the minute and so
-- far, the channel's total quota now (every quota change summed), and the share of the units
-- given to the channel that it sold. Run it streaming during a sale (`flashsale sql --streaming`).
WITH moves AS (
  SELECT channel, units, 0 AS quota_change, soldAt AS moved_at FROM units_sold
  UNION ALL
  SELECT channel, 0 AS units, quota - previousQuota AS quota_change, effectiveAt AS moved_at
  FROM   channel_quotas
),
per_minute AS (
  SELECT channel, window_start AS minute_start, window_time,
         SUM(units) AS units, SUM(quota_change) AS quota_change
  FROM   TABLE(TUMBLE(TABLE moves, DESCRIPTOR(moved_at), INTERVAL '1' MINUTE))
  GROUP  BY channel, window_start, window_end, window_time
),
totals AS (
  SELECT channel, minute_start, units,
         SUM(units) OVER w        AS units_so_far,
         SUM(quota_change) OVER w AS quota_now
  FROM   per_minute
  WINDOW w AS (PARTITION BY channel ORDER BY window_time
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT   minute_start,
         channel,
         units,
         units_so_far,
         quota_now,
         ROUND(SELL_THROUGH(units_so_far, units_so_far + quota_now), 3) AS sell_through
FROM     totals;
