package io.flashsale.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics that do not exist yet; existing topics are left as they are. Returns once
 * every partition it created is served by its leader, so a producer may write at once.
 */
public final class TopicSetup {

  private static final long TIMEOUT_SECONDS = 60;
  private static final long RETRY_PAUSE_MS = 50;

  private TopicSetup() {}

  /**
   * @return the names of the topics this call created
   */
  public static List<String> ensure(Properties adminProperties, List<TopicSpec> topics) {
    try (Admin admin = Admin.create(adminProperties)) {
      Set<String> existing =
          new HashSet<>(admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      Map<String, TopicSpec> missing = new HashMap<>();
      for (TopicSpec spec : topics) {
        if (!existing.contains(spec.name())) {
          missing.put(spec.name(), spec);
        }
      }
      List<NewTopic> requests =
          missing.values().stream()
              .map(
                  spec ->
                      new NewTopic(spec.name(), spec.partitions(), (short) -1)
                          .configs(spec.configs()))
              .toList();
      List<String> created = new ArrayList<>();
      for (var result : admin.createTopics(requests).values().entrySet()) {
        try {
          result.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          created.add(result.getKey());
        } catch (ExecutionException e) {
          // Another setup run created it between our listing and our request.
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      awaitLeaders(admin, created.stream().map(missing::get).toList());
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create the topics: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the topics", e);
    }
  }

  /**
   * Waits until each partition's leader answers for it. A created topic is in the controller's
   * metadata before its leaders serve it; an idempotent producer whose first batch meets a leader
   * that is not ready yet can be stuck retrying out-of-order sequences until its delivery timeout.
   * Listing offsets goes to each leader; it is asked again while the leaders are still unknown.
   */
  private static void awaitLeaders(Admin admin, List<TopicSpec> created)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    for (TopicSpec spec : created) {
      for (int p = 0; p < spec.partitions(); p++) {
        partitions.put(new TopicPartition(spec.name(), p), OffsetSpec.latest());
      }
    }
    if (partitions.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      try {
        admin.listOffsets(partitions).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(RETRY_PAUSE_MS);
      }
    }
  }
}
