-- Quota changes by reason, per channel: how often each reason moved a channel's quotas, and the
-- units it raised and lowered them by.
SELECT   channel,
         reason,
         COUNT(*)                                                          AS changes,
         SUM(CASE WHEN quota > previousQuota THEN quota - previousQuota ELSE 0 END) AS units_raised,
         SUM(CASE WHEN quota < previousQuota THEN previousQuota - quota ELSE 0 END) AS units_lowered
FROM     channel_quotas
GROUP BY channel, reason
ORDER BY channel, reason;
