-- Discount tiers per customer segment within each sale's budget: the tier each segment gets
-- (edit the tiers below: segment:percent, `*` for any other segment), the units the segment bought
-- during the sale, what the tier costs on the list price, and the sale's running spend against
-- its budget.
WITH tiers AS (
  SELECT 'loyal:15,lapsed:25,new:10,*:5' AS tiers
),
sale_orders AS (
  SELECT s.saleId, s.budget, COALESCE(c.segment, 'new') AS segment, o.customerId, o.sku,
         o.quantity, p.list_price
  FROM   own_store_orders o
  JOIN   sales s
         ON s.channel = o.channel AND o.orderedAt >= s.startsAt AND o.orderedAt < s.endsAt
        AND (CARDINALITY(s.skus) = 0 OR ARRAY_CONTAINS(s.skus, o.sku))
  JOIN   product p ON p.sku = o.sku
  LEFT JOIN customer_segments c ON c.customerId = o.customerId
),
per_segment AS (
  SELECT o.saleId, o.budget, o.segment, DISCOUNT_TIER(o.segment, t.tiers) AS tier_percent,
         COUNT(DISTINCT o.customerId) AS customers, SUM(o.quantity) AS units,
         SUM(o.list_price * o.quantity) * DISCOUNT_TIER(o.segment, t.tiers) / 100 AS discount_spend
  FROM   sale_orders o CROSS JOIN tiers t
  GROUP  BY o.saleId, o.budget, o.segment, t.tiers
)
SELECT   saleId,
         segment,
         tier_percent,
         customers,
         units,
         CAST(discount_spend AS DECIMAL(14, 2))                                  AS discount_spend,
         CAST(SUM(discount_spend) OVER (PARTITION BY saleId) AS DECIMAL(14, 2))  AS sale_spend,
         budget,
         CAST(budget - SUM(discount_spend) OVER (PARTITION BY saleId) AS DECIMAL(14, 2))
                                                                                  AS budget_left
FROM     per_segment
ORDER BY saleId, segment;
