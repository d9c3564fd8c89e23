package dev.keel.kernel.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.exceptions.UnsupportedTypeException;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.testing.JavaSerialization;
import dev.keel.kernel.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code metaData.schemaString} in every commit file under {@code shared/cases} parses, and
 * serializes back to JSON equal (as a parsed JSON tree) to the original.
 */
class TestSchemaRoundTrip {
  /**
   * Types that Keel deliberately does not model yet; those schemas must fail with a clear error.
   */
  private static final List<String> UNMODELLED = List.of("geometry(", "geography(");

  @Test
  void everySchemaStringRoundTrips() throws IOException {
    Map<String, String> schemas = collectSchemaStrings(SharedData.casesDir());
    assertThat(schemas).hasSizeGreaterThan(200);
    int roundTripped = 0;
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> e : schemas.entrySet()) {
      String original = e.getValue();
      if (UNMODELLED.stream().anyMatch(original::contains)) {
        try {
          StructType.fromJson(original);
          failures.add(e.getKey() + ": expected an unsupported-type error");
        } catch (UnsupportedTypeException expected) {
          assertThat(expected.getMessage()).startsWith("Unsupported data type `geo");
        }
        continue;
      }
      String written = StructType.fromJson(original).toJson();
      if (!Json.parse(written).equals(withDefaults(Json.parse(original)))) {
        failures.add(e.getKey() + ":\n  original " + original + "\n  written  " + written);
      }
      roundTripped++;
    }
    assertThat(failures).isEmpty();
    assertThat(roundTripped).isGreaterThan(200);
  }

  @Test
  void everySchemaSurvivesJavaSerialization() throws IOException {
    int checked = 0;
    for (String json : collectSchemaStrings(SharedData.casesDir()).values()) {
      if (UNMODELLED.stream().anyMatch(json::contains)) {
        continue;
      }
      StructType schema = StructType.fromJson(json);
      StructType copy = JavaSerialization.roundTrip(schema);
      assertThat(copy).isEqualTo(schema);
      assertThat(copy.toJson()).isEqualTo(schema.toJson());
      checked++;
    }
    assertThat(checked).isGreaterThan(200);
    // primitive types stay singletons
    assertThat(JavaSerialization.roundTrip(DataTypes.INTEGER)).isSameAs(DataTypes.INTEGER);
    assertThat(JavaSerialization.roundTrip(DataTypes.TIMESTAMP_NTZ))
        .isSameAs(DataTypes.TIMESTAMP_NTZ);
    assertThat(JavaSerialization.roundTrip(DecimalType.of(12, 3))).isEqualTo(DecimalType.of(12, 3));
  }

  /**
   * Spark always writes "metadata"; a few old writers leave it out. Add it so the trees compare.
   */
  @SuppressWarnings("unchecked")
  private static Object withDefaults(Object node) {
    if (node instanceof Map) {
      Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) node);
      if (m.containsKey("name") && m.containsKey("type") && !m.containsKey("metadata")) {
        m.put("metadata", Map.of());
      }
      m.replaceAll((k, v) -> withDefaults(v));
      return m;
    }
    if (node instanceof List) {
      return ((List<Object>) node)
          .stream().map(TestSchemaRoundTrip::withDefaults).collect(Collectors.toList());
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> collectSchemaStrings(Path cases) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    List<Path> commits;
    try (Stream<Path> walk = Files.walk(cases)) {
      commits =
          walk.filter(
                  p ->
                      p.getParent() != null
                          && p.getParent().getFileName().toString().equals("_delta_log"))
              .filter(
                  p ->
                      p.getFileName().toString().endsWith(".json")
                          && !p.getFileName().toString().startsWith("._"))
              .sorted()
              .collect(Collectors.toList());
    }
    for (Path commit : commits) {
      int lineNo = 0;
      for (String line :
          new String(Files.readAllBytes(commit), StandardCharsets.UTF_8).split("\n")) {
        lineNo++;
        if (!line.contains("\"metaData\"")) {
          continue;
        }
        Object action;
        try {
          action = Json.parse(line);
        } catch (Json.JsonSyntaxException notJson) {
          continue; // deliberately corrupt commit files in some cases
        }
        Object md = ((Map<String, Object>) action).get("metaData");
        if (md instanceof Map && ((Map<String, Object>) md).get("schemaString") instanceof String) {
          out.put(
              cases.relativize(commit) + ":" + lineNo,
              (String) ((Map<String, Object>) md).get("schemaString"));
        }
      }
    }
    return out;
  }
}
