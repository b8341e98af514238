package io.flashsale.config;

import java.util.function.BiConsumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

/**
 * A job's configuration from its command line: {@code --key value} pairs of the documented keys.
 */
public final class JobConfiguration {

  private JobConfiguration() {}

  private static Configuration fromArgs(String[] args) {
    return Configuration.fromMap(ParameterTool.fromArgs(args).toMap());
  }

  /** A job's {@code main}: defines the job from its command line and runs it as {@code name}. */
  public static void execute(
      String[] args, String name, BiConsumer<StreamExecutionEnvironment, Configuration> definition)
      throws Exception {
    Configuration config = fromArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    definition.accept(env, config);
    env.execute(name);
  }
}
