package dev.keel.kernel.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.exceptions.InvalidSchemaException;
import dev.keel.kernel.exceptions.UnsupportedTypeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestStructType {
  private static final String ALL_TYPES_JSON =
      "{\"type\":\"struct\",\"fields\":["
          + "{\"name\":\"b\",\"type\":\"boolean\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"y\",\"type\":\"byte\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"s\",\"type\":\"short\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"i\",\"type\":\"integer\",\"nullable\":false,\"metadata\":{}},"
          + "{\"name\":\"l\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"f\",\"type\":\"float\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"d\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"dec\",\"type\":\"decimal(38,18)\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"str\",\"type\":\"string\",\"nullable\":true,\"metadata\":{\"__COLLATIONS\":{\"str\":\"ICU.UNICODE\"}}},"
          + "{\"name\":\"bin\",\"type\":\"binary\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"dt\",\"type\":\"date\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"ts\",\"type\":\"timestamp\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"ntz\",\"type\":\"timestamp_ntz\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"v\",\"type\":\"variant\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"nothing\",\"type\":\"void\",\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"arr\",\"type\":{\"type\":\"array\",\"elementType\":\"integer\",\"containsNull\":false},\"nullable\":true,\"metadata\":{}},"
          + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":{\"type\":\"struct\",\"fields\":["
          + "{\"name\":\"x.y\",\"type\":\"long\",\"nullable\":true,\"metadata\":{\"delta.columnMapping.id\":7,\"delta.columnMapping.physicalName\":\"col-1\"}}]},"
          + "\"valueContainsNull\":true},\"nullable\":true,\"metadata\":{\"delta.typeChanges\":[{\"toType\":\"long\",\"fromType\":\"integer\",\"tableVersion\":1}]}}"
          + "]}";

  @Test
  void parsesEveryType() {
    StructType schema = StructType.fromJson(ALL_TYPES_JSON);
    assertThat(schema.fieldNames())
        .containsExactly(
            "b", "y", "s", "i", "l", "f", "d", "dec", "str", "bin", "dt", "ts", "ntz", "v",
            "nothing", "arr", "m");
    assertThat(schema.at(0).getDataType()).isSameAs(BooleanType.BOOLEAN);
    assertThat(schema.at(3).isNullable()).isFalse();
    assertThat(schema.at(7).getDataType()).isEqualTo(DecimalType.of(38, 18));
    assertThat(schema.at(12).getDataType()).isSameAs(DataTypes.TIMESTAMP_NTZ);
    assertThat(schema.at(13).getDataType()).isSameAs(DataTypes.VARIANT);
    assertThat(schema.at(14).getDataType()).isSameAs(DataTypes.VOID);
    assertThat(schema.at(15).getDataType()).isEqualTo(new ArrayType(DataTypes.INTEGER, false));
    MapType map = (MapType) schema.at(16).getDataType();
    assertThat(map.getKeyType()).isEqualTo(DataTypes.STRING);
    StructField nested = ((StructType) map.getValueType()).at(0);
    assertThat(nested.getName()).isEqualTo("x.y");
    assertThat(nested.getMetadata().getLong("delta.columnMapping.id")).contains(7L);
    assertThat(nested.getMetadata().getString("delta.columnMapping.physicalName"))
        .contains("col-1");
    assertThat(
            schema.at(8).getMetadata().getMetadata("__COLLATIONS").flatMap(m -> m.getString("str")))
        .contains("ICU.UNICODE");
  }

  @Test
  void serializesExactlyAsTheProtocolWritesIt() {
    assertThat(StructType.fromJson(ALL_TYPES_JSON).toJson()).isEqualTo(ALL_TYPES_JSON);
  }

  @Test
  void buildsAndComparesStructs() {
    StructType a =
        StructType.empty().add("id", DataTypes.LONG, false).add("name", DataTypes.STRING);
    StructType b =
        new StructType(
            List.of(
                new StructField("id", DataTypes.LONG, false),
                new StructField("name", DataTypes.STRING, true)));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.indexOf("name")).isEqualTo(1);
    assertThat(a.indexOf("NAME")).isEqualTo(-1);
    assertThat(a.indexOfIgnoreCase("NAME")).isEqualTo(1);
    assertThat(a.get("missing")).isEmpty();
    assertThat(
            a.equivalent(
                StructType.empty().add("id", DataTypes.LONG).add("name", DataTypes.STRING)))
        .isTrue();
    assertThat(a.toString()).isEqualTo("struct<id:long,name:string>");
  }

  @Test
  void rejectsDuplicateFieldNames() {
    assertThatThrownBy(
            () -> StructType.empty().add("a", DataTypes.INTEGER).add("a", DataTypes.LONG))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage(
            "Duplicate field name `a` in struct struct<a:integer,a:long>: field names must be unique.");
  }

  @Test
  void namesTheUnknownTypeAndItsColumn() {
    String json =
        "{\"type\":\"struct\",\"fields\":[{\"name\":\"s\",\"type\":{\"type\":\"struct\",\"fields\":["
            + "{\"name\":\"g\",\"type\":\"geometry(OGC:CRS84)\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,\"metadata\":{}}]}";
    assertThatThrownBy(() -> StructType.fromJson(json))
        .isInstanceOf(UnsupportedTypeException.class)
        .hasMessage(
            "Unsupported data type `geometry(OGC:CRS84)` for column `s.g`: Keel does not know this type. "
                + "Supported types: boolean, byte, short, integer, long, float, double, decimal(p,s), string, binary, date, "
                + "timestamp, timestamp_ntz, variant, void, struct, array, map.");
  }

  @Test
  void reportsMalformedSchemas() {
    assertThatThrownBy(() -> StructType.fromJson("{\"type\":\"struct\""))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage(
            "Invalid schema JSON: Malformed JSON at offset 16: unexpected end of input in an object. "
                + "Schema: {\"type\":\"struct\"");
    assertThatThrownBy(() -> StructType.fromJson("\"integer\""))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage(
            "Invalid schema JSON: expected a struct type at the top level but found `integer`. "
                + "A table schema is a JSON object with \"type\":\"struct\".");
    assertThatThrownBy(
            () ->
                StructType.fromJson(
                    "{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"nullable\":true}]}"))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage(
            "Invalid schema JSON at `a`: missing field \"type\" in {\"name\":\"a\",\"nullable\":true}.");
    assertThatThrownBy(() -> StructType.fromJson(null))
        .hasMessage("Invalid schema JSON: the schema string is missing (null).");
  }

  @Test
  void validatesDecimalBounds() {
    assertThatThrownBy(() -> DecimalType.of(39, 0))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage(
            "Invalid decimal type decimal(39,0): precision must be 1 to 38 and scale 0 to the precision.");
    assertThat(DataTypes.fromJson("\"decimal(5, 2)\"")).isEqualTo(DecimalType.of(5, 2));
  }
}
