package dev.keel.kernel.internal.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.exceptions.InvalidTableException;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DecimalType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TestPartitionValues {
  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("a b/c=d%", DataTypes.STRING, Literal.ofString("a b/c=d%")),
        Arguments.of("-7", DataTypes.BYTE, Literal.ofByte((byte) -7)),
        Arguments.of("300", DataTypes.SHORT, Literal.ofShort((short) 300)),
        Arguments.of("-2147483648", DataTypes.INTEGER, Literal.ofInt(Integer.MIN_VALUE)),
        Arguments.of("9223372036854775807", DataTypes.LONG, Literal.ofLong(Long.MAX_VALUE)),
        Arguments.of("1.5", DataTypes.FLOAT, Literal.ofFloat(1.5f)),
        Arguments.of("NaN", DataTypes.DOUBLE, Literal.ofDouble(Double.NaN)),
        Arguments.of("true", DataTypes.BOOLEAN, Literal.ofBoolean(true)),
        Arguments.of(
            "-2342342.23423",
            DecimalType.of(12, 5),
            Literal.ofDecimal(new BigDecimal("-2342342.23423"), 12, 5)),
        Arguments.of("2024-02-29", DataTypes.DATE, Literal.ofDate(LocalDate.of(2024, 2, 29))),
        // zoneless timestamps are UTC; ISO-8601 with a zone is exact
        Arguments.of(
            "2021-09-08 11:11:11", DataTypes.TIMESTAMP, Literal.ofTimestamp(1631099471000000L)),
        Arguments.of(
            "2021-09-08 11:11:11.123456",
            DataTypes.TIMESTAMP,
            Literal.ofTimestamp(1631099471123456L)),
        Arguments.of(
            "2021-09-08T11:11:11.000000Z",
            DataTypes.TIMESTAMP,
            Literal.ofTimestamp(1631099471000000L)),
        Arguments.of(
            "2021-09-08T13:11:11+02:00",
            DataTypes.TIMESTAMP,
            Literal.ofTimestamp(1631099471000000L)),
        Arguments.of(
            "2021-09-08 11:11:11.5",
            DataTypes.TIMESTAMP_NTZ,
            Literal.ofTimestampNtz(1631099471500000L)),
        Arguments.of(
            "\u0001\u00ff", DataTypes.BINARY, Literal.ofBinary(new byte[] {1, (byte) 0xff})));
  }

  @ParameterizedTest
  @MethodSource("values")
  void parsesEveryPartitionType(String raw, DataType type, Literal expected) {
    assertThat(PartitionValues.parse("p", raw, type)).isEqualTo(expected);
  }

  @Test
  void nullsEmptyStringsAndHiveDefaultsAreNull() {
    assertThat(PartitionValues.parse("p", null, DataTypes.INTEGER).isNull()).isTrue();
    assertThat(PartitionValues.parse("p", "", DataTypes.STRING).isNull()).isTrue();
    assertThat(PartitionValues.parse("p", "__HIVE_DEFAULT_PARTITION__", DataTypes.DATE).isNull())
        .isTrue();
  }

  @Test
  void badValuesNameTheColumn() {
    assertThatThrownBy(() -> PartitionValues.parse("year", "20x4", DataTypes.INTEGER))
        .isInstanceOf(InvalidTableException.class)
        .hasMessage(
            "Cannot read the partition value `20x4` of column `year` as integer: For input string: \"20x4\". "
                + "The log holds a value the column's type cannot represent.");
  }
}
