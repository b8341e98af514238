-- Fraud alerts by pattern: how many alerts and subjects each pattern flagged, and the share of
-- own-store orders placed by the customers it flagged.
WITH orders AS (
  SELECT orderId, customerId FROM own_store_orders GROUP BY orderId, customerId
),
flagged AS (
  SELECT `pattern`, COUNT(*) AS alerts, COUNT(DISTINCT subject) AS subjects
  FROM   fraud_alerts
  GROUP  BY `pattern`
),
flagged_orders AS (
  SELECT a.`pattern`, COUNT(DISTINCT o.orderId) AS orders
  FROM   (SELECT DISTINCT `pattern`, customerId FROM fraud_alerts WHERE customerId IS NOT NULL) a
  JOIN   orders o ON o.customerId = a.customerId
  GROUP  BY a.`pattern`
)
SELECT   f.`pattern`,
         f.alerts,
         f.subjects,
         COALESCE(fo.orders, 0)                                               AS flagged_orders,
         ROUND(CAST(COALESCE(fo.orders, 0) AS DOUBLE) / (SELECT COUNT(*) FROM orders), 3)
                                                                              AS share_of_orders
FROM     flagged f
LEFT JOIN flagged_orders fo ON fo.`pattern` = f.`pattern`
ORDER BY f.alerts DESC, f.`pattern`;
