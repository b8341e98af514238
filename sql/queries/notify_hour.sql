-- The best hour (UTC) to notify each customer segment: the hour of the day in which the segment
-- completed the most checkouts (the earliest such hour on a tie), and that hour's share of the
-- segment's checkouts.
WITH checkouts AS (
  SELECT COALESCE(s.segment, 'new') AS segment, HOUR(c.occurredAt) AS hour_of_day
  FROM   storefront_carts c
  LEFT JOIN customer_segments s ON s.customerId = c.customerId
  WHERE  c.type = 'CHECKOUT_COMPLETED'
),
per_hour AS (
  SELECT segment, hour_of_day, COUNT(*) AS checkouts,
         SUM(COUNT(*)) OVER (PARTITION BY segment) AS segment_checkouts
  FROM   checkouts
  GROUP  BY segment, hour_of_day
),
ranked AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY segment ORDER BY checkouts DESC, hour_of_day) AS place
  FROM   per_hour
)
SELECT   segment,
         hour_of_day                                              AS best_hour_utc,
         checkouts,
         ROUND(CAST(checkouts AS DOUBLE) / segment_checkouts, 3)  AS share_of_checkouts
FROM     ranked
WHERE    place = 1
ORDER BY segment;
