package io.flashsale.udfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sql/functions.sql}, which registers the functions for the SQL client, against Flink. */
class FunctionsSqlFileTest {

  // Tests run in the module directory; the SQL client runs from the repository root.
  private static final Path FILE = Path.of("../sql/functions.sql");
  private static final String JAR = "udfs/target/flashsale-udfs.jar";
  private static final Pattern CREATE =
      Pattern.compile(
          "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS (\\w+) AS '([\\w.$]+)'"
              + " LANGUAGE JAVA USING JAR '([^']*)'");

  @Test
  void shouldRegisterEveryListedFunctionAndNothingElse() throws IOException {
    Map<String, String> registered = new LinkedHashMap<>();
    for (String statement : statements()) {
      Matcher create = CREATE.matcher(statement);
      assertThat(create.matches()).as(statement).isTrue();
      assertThat(create.group(3)).as(statement).isEqualTo(JAR);
      assertThat(registered.put(create.group(1), create.group(2)))
          .as("registered twice: " + create.group(1))
          .isNull();
    }
    Map<String, String> listed = new LinkedHashMap<>();
    Functions.ALL.forEach((name, function) -> listed.put(name, function.getName()));

    assertThat(registered).containsExactlyEntriesOf(listed);
  }

  @Test
  void shouldRunOnFlinkTwiceAndLeaveEveryFunctionCallable(@TempDir Path dir) throws Exception {
    Path jar = jarOfTheCompiledFunctions(dir.resolve("flashsale-udfs.jar"));
    TableEnvironment tableEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());

    // IF NOT EXISTS: running the file again, as an init script may be, is harmless.
    for (int run = 0; run < 2; run++) {
      for (String statement : statements()) {
        tableEnv.executeSql(statement.replace(JAR, jar.toString()));
      }
    }

    assertThat(
            SqlRows.of(
                tableEnv,
                "SELECT CUSTOMER_SEGMENT(3, 10), DEVIATION_RATIO(30, 20),"
                    + " DISCOUNT_DEPTH(80.00, 100.00), DISCOUNT_TIER('loyal', 'loyal:15,*:5'),"
                    + " IS_SPIKE(3, 0, 3), MARGIN(12.50, 10.00), SELL_THROUGH(30, 120)"))
        .containsExactly(Row.of("loyal", 0.5, 0.2, 15, true, 0.2, 0.25));
  }

  /** The file's statements, comments dropped. */
  private static List<String> statements() throws IOException {
    String sql =
        Files.readAllLines(FILE).stream()
            .filter(line -> !line.strip().startsWith("--"))
            .collect(Collectors.joining("\n"));
    return Arrays.stream(sql.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** What {@code mvn package} makes of the module, made here: the tests run before packaging. */
  private static Path jarOfTheCompiledFunctions(Path jar) throws Exception {
    Path classes =
        Path.of(Functions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, jarOut);
        jarOut.closeEntry();
      }
    }
    return jar;
  }
}
