package io.flashsale.kafka;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics that do not exist yet; existing topics are left as they are. */
public final class TopicSetup {

  private static final long TIMEOUT_SECONDS = 60;

  private TopicSetup() {}

  /**
   * @return the names of the topics this call created
   */
  public static List<String> ensure(Properties adminProperties, List<TopicSpec> topics) {
    try (Admin admin = Admin.create(adminProperties)) {
      Set<String> existing =
          new HashSet<>(admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec spec : topics) {
        if (!existing.contains(spec.name())) {
          missing.add(
              new NewTopic(spec.name(), spec.partitions(), (short) -1).configs(spec.configs()));
        }
      }
      List<String> created = new ArrayList<>();
      for (var result : admin.createTopics(missing).values().entrySet()) {
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
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create the topics: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the topics", e);
    }
  }
}
