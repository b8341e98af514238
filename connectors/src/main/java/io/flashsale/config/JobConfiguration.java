package io.flashsale.config;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.ParameterTool;

/**
 * A job's configuration from its command line: {@code --key value} pairs of the documented keys.
 */
public final class JobConfiguration {

  private JobConfiguration() {}

  public static Configuration fromArgs(String[] args) {
    return Configuration.fromMap(ParameterTool.fromArgs(args).toMap());
  }
}
