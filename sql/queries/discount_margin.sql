-- Discount depth against margin, per SKU of the own store: units sold, the average discount off
-- the list price and the margin left on the average price paid, revenue and gross profit.
SELECT   o.sku,
         p.title,
         SUM(o.quantity)                                                     AS units,
         ROUND(DISCOUNT_DEPTH(SUM(o.unit_price * o.quantity) / SUM(o.quantity),
                              p.list_price), 3)                              AS discount_depth,
         ROUND(MARGIN(SUM(o.unit_price * o.quantity) / SUM(o.quantity),
                      p.unit_cost), 3)                                       AS margin,
         SUM(o.unit_price * o.quantity)                                      AS revenue,
         SUM((o.unit_price - p.unit_cost) * o.quantity)                      AS gross_profit
FROM     own_store_orders o
JOIN     product p ON p.sku = o.sku
WHERE    o.unit_price IS NOT NULL
GROUP BY o.sku, p.title, p.list_price, p.unit_cost
ORDER BY discount_depth DESC, o.sku;
