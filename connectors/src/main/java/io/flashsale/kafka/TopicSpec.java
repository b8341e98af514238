package io.flashsale.kafka;

import java.util.Map;

/** A topic to create: its name, partition count and topic-level configuration. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {}
