-- Fastest sellers: per SKU and channel, the units sold, the first and last sale, and the minutes
-- from the first sale until the channel's quota first reached zero (NULL: it never ran out).
-- Fastest first.
WITH per_channel AS (
  SELECT sku, channel, SUM(units) AS units_sold,
         MIN(CASE WHEN units > 0 THEN soldAt END) AS first_sale_at,
         MAX(CASE WHEN units > 0 THEN soldAt END) AS last_sale_at
  FROM   units_sold
  GROUP  BY sku, channel
),
sold_out AS (
  SELECT q.sku, q.channel, MIN(q.effectiveAt) AS sold_out_at
  FROM   channel_quotas q
  JOIN   per_channel p ON p.sku = q.sku AND p.channel = q.channel
  WHERE  q.quota = 0 AND q.effectiveAt >= p.first_sale_at
  GROUP  BY q.sku, q.channel
)
SELECT   p.sku,
         p.channel,
         p.units_sold,
         p.first_sale_at,
         p.last_sale_at,
         TIMESTAMPDIFF(MINUTE, p.first_sale_at, s.sold_out_at) AS minutes_to_sell_through
FROM     per_channel p
LEFT JOIN sold_out s ON s.sku = p.sku AND s.channel = p.channel
ORDER BY minutes_to_sell_through IS NULL, minutes_to_sell_through, p.units_sold DESC, p.sku, p.channel;
