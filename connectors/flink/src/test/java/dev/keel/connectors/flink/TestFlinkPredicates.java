package dev.keel.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinition;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.junit.jupiter.api.Test;

/** Which Flink filters become Keel predicates, and with literals of which types. */
class TestFlinkPredicates {
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("l", DataTypes.LONG, true),
              new StructField("i", DataTypes.INTEGER, true),
              new StructField("d", DecimalType.of(5, 2), true),
              new StructField("s", DataTypes.STRING, true),
              new StructField("day", DataTypes.DATE, true),
              new StructField("ts", DataTypes.TIMESTAMP, true),
              new StructField("ntz", DataTypes.TIMESTAMP_NTZ, true)));

  private static ResolvedExpression col(String name) {
    return new FieldReferenceExpression(
        name, org.apache.flink.table.api.DataTypes.STRING(), 0, SCHEMA.indexOf(name));
  }

  private static ResolvedExpression lit(Object v) {
    return new ValueLiteralExpression(v);
  }

  private static ResolvedExpression call(BuiltInFunctionDefinition f, ResolvedExpression... args) {
    return CallExpression.permanent(
        f, List.of(args), org.apache.flink.table.api.DataTypes.BOOLEAN());
  }

  private static String convert(ResolvedExpression e) {
    return FlinkPredicates.convert(e, SCHEMA).map(Object::toString).orElse("not converted");
  }

  @Test
  void comparisonsTakeTheColumnsTypeAndFlipWhenTheLiteralIsLeft() {
    assertThat(convert(call(BuiltInFunctionDefinitions.GREATER_THAN, col("l"), lit(5))))
        .isEqualTo("(l > 5)");
    assertThat(convert(call(BuiltInFunctionDefinitions.LESS_THAN, lit(5), col("i"))))
        .isEqualTo("(i > 5)");
    assertThat(
            convert(
                call(
                    BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL,
                    col("d"),
                    lit(new BigDecimal("1.5")))))
        .isEqualTo("(d <= 1.50)");
    assertThat(convert(call(BuiltInFunctionDefinitions.EQUALS, col("s"), lit("x'y"))))
        .isEqualTo("(s = 'x''y')");
    assertThat(
            convert(
                call(
                    BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL,
                    col("day"),
                    lit(LocalDate.of(2024, 1, 2)))))
        .isEqualTo("(day >= DATE '2024-01-02')");
    assertThat(
            convert(
                call(
                    BuiltInFunctionDefinitions.NOT_EQUALS,
                    col("ts"),
                    lit(Instant.parse("1970-01-01T00:00:01.000001Z")))))
        .isEqualTo("(NOT (ts = TIMESTAMP '1970-01-01T00:00:01.000001'))");
    assertThat(
            convert(
                call(
                    BuiltInFunctionDefinitions.EQUALS,
                    col("ntz"),
                    lit(LocalDateTime.of(1970, 1, 1, 0, 0, 2)))))
        .startsWith("(ntz = ");
    assertThat(
            convert(
                call(
                    BuiltInFunctionDefinitions.OR,
                    call(BuiltInFunctionDefinitions.IS_NULL, col("s")),
                    call(
                        BuiltInFunctionDefinitions.NOT,
                        call(BuiltInFunctionDefinitions.EQUALS, col("i"), lit(1))))))
        .isEqualTo("((s IS NULL) OR (NOT (i = 1)))");
  }

  @Test
  void leavesToFlinkWhatKeelWouldNotEvaluateTheSameWay() {
    // values that are not exactly of the column's type
    assertThat(convert(call(BuiltInFunctionDefinitions.EQUALS, col("i"), lit(1L << 40))))
        .isEqualTo("not converted");
    assertThat(
            convert(
                call(BuiltInFunctionDefinitions.EQUALS, col("d"), lit(new BigDecimal("1.234")))))
        .isEqualTo("not converted");
    assertThat(
            convert(
                call(BuiltInFunctionDefinitions.EQUALS, col("d"), lit(new BigDecimal("1234.5")))))
        .isEqualTo("not converted");
    // two columns, functions, unknown columns, and a conjunction with an unconvertible side
    assertThat(convert(call(BuiltInFunctionDefinitions.EQUALS, col("l"), col("i"))))
        .isEqualTo("not converted");
    assertThat(
            convert(
                call(
                    BuiltInFunctionDefinitions.EQUALS,
                    call(BuiltInFunctionDefinitions.MOD, col("l"), lit(2)),
                    lit(0))))
        .isEqualTo("not converted");
    assertThat(
            convert(
                call(
                    BuiltInFunctionDefinitions.AND,
                    call(BuiltInFunctionDefinitions.EQUALS, col("l"), lit(1)),
                    call(BuiltInFunctionDefinitions.LIKE, col("s"), lit("a%")))))
        .isEqualTo("not converted");
    assertThat(FlinkPredicates.convert(lit(true), SCHEMA)).isEqualTo(Optional.empty());
  }
}
