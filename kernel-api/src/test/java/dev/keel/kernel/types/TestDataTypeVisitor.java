package dev.keel.kernel.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every type calls its own visitor method; a visitor that does not handle one says so. */
class TestDataTypeVisitor {
  /** Names the method that was called. */
  private static final class Names implements DataTypeVisitor<String> {
    public String visitBoolean(BooleanType t) {
      return "boolean";
    }

    public String visitByte(ByteType t) {
      return "byte";
    }

    public String visitShort(ShortType t) {
      return "short";
    }

    public String visitInteger(IntegerType t) {
      return "integer";
    }

    public String visitLong(LongType t) {
      return "long";
    }

    public String visitFloat(FloatType t) {
      return "float";
    }

    public String visitDouble(DoubleType t) {
      return "double";
    }

    public String visitDecimal(DecimalType t) {
      return "decimal";
    }

    public String visitString(StringType t) {
      return "string";
    }

    public String visitBinary(BinaryType t) {
      return "binary";
    }

    public String visitDate(DateType t) {
      return "date";
    }

    public String visitTimestamp(TimestampType t) {
      return "timestamp";
    }

    public String visitTimestampNtz(TimestampNTZType t) {
      return "timestamp_ntz";
    }

    public String visitStruct(StructType t) {
      return "struct";
    }

    public String visitArray(ArrayType t) {
      return "array";
    }

    public String visitMap(MapType t) {
      return "map";
    }

    public String visitVariant(VariantType t) {
      return "variant";
    }
  }

  static Stream<Arguments> types() {
    return Stream.of(
        Arguments.of(DataTypes.BOOLEAN, "boolean"),
        Arguments.of(DataTypes.BYTE, "byte"),
        Arguments.of(DataTypes.SHORT, "short"),
        Arguments.of(DataTypes.INTEGER, "integer"),
        Arguments.of(DataTypes.LONG, "long"),
        Arguments.of(DataTypes.FLOAT, "float"),
        Arguments.of(DataTypes.DOUBLE, "double"),
        Arguments.of(DecimalType.of(10, 2), "decimal"),
        Arguments.of(DataTypes.STRING, "string"),
        Arguments.of(DataTypes.BINARY, "binary"),
        Arguments.of(DataTypes.DATE, "date"),
        Arguments.of(DataTypes.TIMESTAMP, "timestamp"),
        Arguments.of(DataTypes.TIMESTAMP_NTZ, "timestamp_ntz"),
        Arguments.of(new StructType(List.of(new StructField("a", DataTypes.LONG, true))), "struct"),
        Arguments.of(new ArrayType(DataTypes.LONG, true), "array"),
        Arguments.of(new MapType(DataTypes.STRING, DataTypes.LONG, true), "map"),
        Arguments.of(DataTypes.VARIANT, "variant"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("types")
  void eachTypeCallsItsOwnMethod(DataType type, String method) {
    assertThat(type.accept(new Names())).isEqualTo(method);
  }

  @org.junit.jupiter.api.Test
  void aTypeWithoutAMethodOfTheVisitorsOwnGoesToVisitOther() {
    assertThatThrownBy(() -> DataTypes.VOID.accept(new Names()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage(Names.class.getName() + " does not handle the type void");
  }
}
