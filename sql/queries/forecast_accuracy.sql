-- Forecast accuracy per channel: the units allocated (each SKU's highest quota) against the units
-- sold, their deviation ratio ((sold - allocated) / allocated), and how often the deviation trigger
-- rebalanced the channel.
WITH allocated AS (
  SELECT channel, sku, MAX(quota) AS units,
         SUM(CASE WHEN reason = 'DEVIATION_TRIGGER' THEN 1 ELSE 0 END) AS triggers
  FROM   channel_quotas
  GROUP  BY channel, sku
),
sold AS (
  SELECT channel, sku, SUM(units) AS units FROM units_sold GROUP BY channel, sku
)
SELECT   a.channel,
         SUM(a.units)                                              AS units_allocated,
         SUM(COALESCE(s.units, 0))                                 AS units_sold,
         ROUND(DEVIATION_RATIO(SUM(COALESCE(s.units, 0)), SUM(a.units)), 3) AS deviation_ratio,
         SUM(a.triggers)                                           AS deviation_triggers
FROM     allocated a
LEFT JOIN sold s ON s.channel = a.channel AND s.sku = a.sku
GROUP BY a.channel
ORDER BY a.channel;
