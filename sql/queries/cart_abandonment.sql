-- Cart abandonment per minute: own-store holds that ended released by the shopper or expired,
-- against holds committed, per minute in which holds ended; a minute is a spike when it abandoned
-- at least 3 times the average of the 10 minutes with holds ending before it.
WITH per_minute AS (
  SELECT window_start AS minute_start,
         SUM(CASE WHEN status = 'COMMITTED' THEN 1 ELSE 0 END) AS committed,
         SUM(CASE WHEN status <> 'COMMITTED' THEN 1 ELSE 0 END) AS abandoned
  FROM   TABLE(TUMBLE(TABLE reservations_decisions, DESCRIPTOR(decidedAt), INTERVAL '1' MINUTE))
  WHERE  duplicate IS NOT TRUE
    AND  (status IN ('COMMITTED', 'EXPIRED')
          OR (status = 'RELEASED' AND reason IS DISTINCT FROM 'CHECKOUT_REJECTED'))
  GROUP  BY window_start, window_end
),
with_baseline AS (
  SELECT minute_start, committed, abandoned,
         AVG(CAST(abandoned AS DOUBLE)) OVER (
           ORDER BY minute_start ROWS BETWEEN 10 PRECEDING AND 1 PRECEDING) AS baseline
  FROM   per_minute
)
SELECT   minute_start,
         committed,
         abandoned,
         ROUND(CAST(abandoned AS DOUBLE) / (abandoned + committed), 3) AS abandonment_rate,
         ROUND(baseline, 3)                                             AS baseline,
         IS_SPIKE(abandoned, baseline, 3)                               AS spike
FROM     with_baseline
ORDER BY minute_start;
