package io.flashsale.udfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.junit.jupiter.api.Test;

class FunctionsTest {

  @Test
  void shouldListEveryFunctionClassInThePackage() throws Exception {
    assertThat(new HashSet<>(Functions.ALL.values()))
        .hasSize(Functions.ALL.size())
        .isEqualTo(functionClassesInThePackage());
  }

  @Test
  void shouldNameThemInUpperSnakeCaseInNameOrder() {
    List<String> names = List.copyOf(Functions.ALL.keySet());
    assertThat(names).isSorted().allMatch(name -> name.matches("[A-Z]+(_[A-Z]+)*"));
    assertThat(names).contains("SELL_THROUGH", "DISCOUNT_TIER");
  }

  @Test
  void shouldBeInstantiableTheWayCreateFunctionDoes() throws Exception {
    for (Class<? extends UserDefinedFunction> function : Functions.ALL.values()) {
      assertThat(Modifier.isPublic(function.getModifiers())).as(function.getName()).isTrue();
      assertThat(function.getConstructor().newInstance()).isInstanceOf(function);
    }
  }

  /** Every concrete function compiled into this module, read from its class files. */
  private static Set<Class<?>> functionClassesInThePackage()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes =
        Path.of(Functions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path udfs = classes.resolve(Functions.class.getPackageName().replace('.', '/'));
    Set<Class<?>> found = new HashSet<>();
    try (Stream<Path> files = Files.list(udfs)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String simpleName = file.getFileName().toString().replace(".class", "");
        Class<?> type = Class.forName(Functions.class.getPackageName() + "." + simpleName);
        if (UserDefinedFunction.class.isAssignableFrom(type)
            && !Modifier.isAbstract(type.getModifiers())) {
          found.add(type);
        }
      }
    }
    assertThat(found).as("function classes found in " + udfs).isNotEmpty();
    return found;
  }
}
