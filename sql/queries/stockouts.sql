-- Stockouts per channel: each time a channel's quota for a SKU fell to zero, until it was raised
-- again (NULL: still out), the own-store demand turned away meanwhile (units of hold requests
-- rejected for stock), and the demand lost estimated from the channel's sales in the hour before.
WITH quota_moves AS (
  SELECT sku, channel, effectiveAt, quota, previousQuota FROM channel_quotas
),
outs AS (
  SELECT sku, channel, effectiveAt AS out_at
  FROM   quota_moves
  WHERE  quota = 0 AND previousQuota > 0
),
periods AS (
  SELECT o.sku, o.channel, o.out_at, MIN(b.effectiveAt) AS back_at
  FROM   outs o
  LEFT JOIN quota_moves b
         ON b.sku = o.sku AND b.channel = o.channel AND b.effectiveAt > o.out_at
        AND b.quota > 0 AND b.previousQuota = 0
  GROUP  BY o.sku, o.channel, o.out_at
),
turned_away AS (
  SELECT p.sku, p.channel, p.out_at, SUM(d.quantity) AS units
  FROM   periods p
  JOIN   reservations_decisions d
         ON d.sku = p.sku AND d.channel = p.channel AND d.status = 'REJECTED'
        AND d.reason = 'INSUFFICIENT_STOCK' AND d.duplicate IS NOT TRUE
        AND d.decidedAt >= p.out_at AND (p.back_at IS NULL OR d.decidedAt < p.back_at)
  GROUP  BY p.sku, p.channel, p.out_at
),
sold_before AS (
  SELECT p.sku, p.channel, p.out_at, SUM(s.units) AS units
  FROM   periods p
  JOIN   units_sold s
         ON s.sku = p.sku AND s.channel = p.channel
        AND s.soldAt >= p.out_at - INTERVAL '1' HOUR AND s.soldAt < p.out_at
  GROUP  BY p.sku, p.channel, p.out_at
)
SELECT   p.channel,
         p.sku,
         p.out_at,
         p.back_at,
         TIMESTAMPDIFF(MINUTE, p.out_at, p.back_at)          AS minutes_out,
         COALESCE(t.units, 0)                                 AS units_turned_away,
         CAST(ROUND(COALESCE(b.units, 0)
                    * TIMESTAMPDIFF(MINUTE, p.out_at, p.back_at) / 60.0, 0) AS BIGINT)
                                                              AS est_units_lost
FROM     periods p
LEFT JOIN turned_away t ON t.sku = p.sku AND t.channel = p.channel AND t.out_at = p.out_at
LEFT JOIN sold_before b ON b.sku = p.sku AND b.channel = p.channel AND b.out_at = p.out_at
ORDER BY p.channel, p.out_at, p.sku;
