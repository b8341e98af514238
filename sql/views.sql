-- Views the question scripts share, over the tables of kafka_tables.sql and postgres_tables.sql.

-- Every unit sold, per SKU and channel, at its event time: own-store checkouts the ledger
-- committed, and marketplace orders (a cancellation gives its units back: negative units).
CREATE TEMPORARY VIEW IF NOT EXISTS units_sold AS
SELECT sku, channel, quantity AS units, decidedAt AS soldAt
FROM   reservations_decisions
WHERE  status = 'COMMITTED' AND duplicate IS NOT TRUE
UNION ALL
SELECT sku, channel, quantity AS units, occurredAt AS soldAt
FROM   marketplace_orders
WHERE  status = 'CREATED'
UNION ALL
SELECT sku, channel, -quantity AS units, occurredAt AS soldAt
FROM   marketplace_orders
WHERE  status = 'CANCELLED';

-- Own-store orders with who bought and at what price: each committed checkout and its cart event.
CREATE TEMPORARY VIEW IF NOT EXISTS own_store_orders AS
SELECT d.orderId, d.sku, d.channel, d.quantity, d.decidedAt AS orderedAt,
       c.customerId, c.unit_price
FROM   reservations_decisions d
JOIN   storefront_carts c ON c.eventId = d.requestEventId
WHERE  d.status = 'COMMITTED' AND d.duplicate IS NOT TRUE;

-- Each sale as its latest calendar record says, unless cancelled.
CREATE TEMPORARY VIEW IF NOT EXISTS sales AS
SELECT saleId, channel, skus, discountPercent, budget_amount AS budget, startsAt, endsAt
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY saleId ORDER BY occurredAt DESC) AS latest
  FROM   sales_calendar
)
WHERE latest = 1 AND type <> 'CANCELLED';

-- Every customer's segment when they last checked out (CUSTOMER_SEGMENT: new, occasional, loyal,
-- lapsed), from their orders before that one and the days since the one before it.
CREATE TEMPORARY VIEW IF NOT EXISTS customer_segments AS
WITH orders AS (
  SELECT customerId, orderId, MIN(occurredAt) AS orderedAt
  FROM   storefront_carts
  WHERE  type = 'CHECKOUT_COMPLETED'
  GROUP  BY customerId, orderId
),
ranked AS (
  SELECT customerId, orderedAt,
         ROW_NUMBER() OVER (PARTITION BY customerId ORDER BY orderedAt DESC) AS recency
  FROM   orders
)
SELECT   customerId,
         CUSTOMER_SEGMENT(
           COUNT(*) - 1,
           TIMESTAMPDIFF(DAY, MAX(CASE WHEN recency = 2 THEN orderedAt END), MAX(orderedAt))
         ) AS segment
FROM     ranked
GROUP BY customerId;
