package io.flashsale.analytics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;

/**
 * Where the tables of {@code sql/} read from, when not where the files say: the files name the
 * docker-compose servers, and these settings point every Kafka and JDBC table elsewhere. A null
 * setting keeps the file's value.
 *
 * @param bounded whether Kafka tables stop at the offsets current when the query starts (batch
 *     questions over what happened) or read on (a live view)
 */
public record SqlConnections(
    String bootstrapServers,
    String topicPrefix,
    String postgresUrl,
    String postgresSchema,
    String postgresUser,
    String postgresPassword,
    boolean bounded) {

  /** Rewrites the options of every table of the current database. */
  public void applyTo(TableEnvironment tables) {
    Catalog catalog =
        tables
            .getCatalog(tables.getCurrentCatalog())
            .orElseThrow(() -> new IllegalStateException("no current catalog"));
    String database = tables.getCurrentDatabase();
    for (String name : tables.listTables()) {
      ObjectPath path = new ObjectPath(database, name);
      try {
        CatalogBaseTable table = catalog.getTable(path);
        if (table instanceof CatalogTable catalogTable) {
          Map<String, String> options = rewrite(name, catalogTable.getOptions());
          if (!options.equals(catalogTable.getOptions())) {
            catalog.alterTable(path, catalogTable.copy(options), false);
          }
        }
      } catch (TableNotExistException e) {
        throw new IllegalStateException("table " + name + " vanished while being configured", e);
      }
    }
  }

  private Map<String, String> rewrite(String name, Map<String, String> original) {
    Map<String, String> options = new HashMap<>(original);
    String connector = options.getOrDefault("connector", "");
    if (connector.equals("kafka")) {
      set(options, "properties.bootstrap.servers", bootstrapServers);
      if (topicPrefix != null && options.containsKey("topic")) {
        options.put("topic", topicPrefix + options.get("topic"));
      }
      if (bounded) {
        options.put("scan.bounded.mode", "latest-offset");
      }
    } else if (connector.equals("jdbc")) {
      set(options, "url", postgresUrl);
      set(options, "username", postgresUser);
      set(options, "password", postgresPassword);
      if (postgresSchema != null) {
        options.put("table-name", postgresSchema + "." + options.getOrDefault("table-name", name));
      }
    }
    return options;
  }

  private static void set(Map<String, String> options, String key, String value) {
    if (value != null) {
      options.put(key, value);
    }
  }
}
