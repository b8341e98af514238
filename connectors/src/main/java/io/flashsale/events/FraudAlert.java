package io.flashsale.events;

import java.time.Instant;
import java.util.List;

/** {@code fraud.alerts} (key: subject): a subject whose risk score reached the threshold. */
public record FraudAlert(
    String alertId,
    FraudPattern pattern,
    int riskScore,
    int threshold,
    FraudAction action,
    SubjectType subjectType,
    String subject,
    String customerId,
    String deviceId,
    String ip,
    String couponCode,
    List<String> evidenceEventIds,
    Instant windowStart,
    Instant windowEnd,
    Instant detectedAt) {}
