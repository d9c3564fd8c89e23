package dev.keel.kernel.expressions;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A constant of a given type, possibly null. Values are held in their kernel representation: {@code
 * Boolean}, {@code Byte}, {@code Short}, {@code Integer} (integer; date as days since the epoch),
 * {@code Long} (long; timestamps as microseconds since the epoch), {@code Float}, {@code Double},
 * {@code BigDecimal} (at the type's scale), {@code String}, {@code byte[]}.
 */
@Stable
public final class Literal implements Expression {
  private static final long serialVersionUID = 1L;

  private final Object value;
  private final DataType dataType;

  private Literal(Object value, DataType dataType) {
    this.value = value;
    this.dataType = requireNonNull(dataType, "dataType is null");
  }

  /**
   * @param v the value
   * @return a boolean literal
   */
  public static Literal ofBoolean(boolean v) {
    return new Literal(v, DataTypes.BOOLEAN);
  }

  /**
   * @param v the value
   * @return a byte literal
   */
  public static Literal ofByte(byte v) {
    return new Literal(v, DataTypes.BYTE);
  }

  /**
   * @param v the value
   * @return a short literal
   */
  public static Literal ofShort(short v) {
    return new Literal(v, DataTypes.SHORT);
  }

  /**
   * @param v the value
   * @return an integer literal
   */
  public static Literal ofInt(int v) {
    return new Literal(v, DataTypes.INTEGER);
  }

  /**
   * @param v the value
   * @return a long literal
   */
  public static Literal ofLong(long v) {
    return new Literal(v, DataTypes.LONG);
  }

  /**
   * @param v the value
   * @return a float literal
   */
  public static Literal ofFloat(float v) {
    return new Literal(v, DataTypes.FLOAT);
  }

  /**
   * @param v the value
   * @return a double literal
   */
  public static Literal ofDouble(double v) {
    return new Literal(v, DataTypes.DOUBLE);
  }

  /**
   * @param v the value
   * @return a string literal
   */
  public static Literal ofString(String v) {
    return new Literal(requireNonNull(v, "value is null"), DataTypes.STRING);
  }

  /**
   * @param v the value, copied
   * @return a binary literal
   */
  public static Literal ofBinary(byte[] v) {
    return new Literal(requireNonNull(v, "value is null").clone(), DataTypes.BINARY);
  }

  /**
   * @param daysSinceEpoch days since 1970-01-01
   * @return a date literal
   */
  public static Literal ofDate(int daysSinceEpoch) {
    return new Literal(daysSinceEpoch, DataTypes.DATE);
  }

  /**
   * @param date the date
   * @return a date literal
   */
  public static Literal ofDate(LocalDate date) {
    return ofDate(Math.toIntExact(date.toEpochDay()));
  }

  /**
   * @param microsSinceEpoch microseconds since the epoch, UTC
   * @return a timestamp literal
   */
  public static Literal ofTimestamp(long microsSinceEpoch) {
    return new Literal(microsSinceEpoch, DataTypes.TIMESTAMP);
  }

  /**
   * @param microsSinceEpoch microseconds since 1970-01-01T00:00
   * @return a timestamp_ntz literal
   */
  public static Literal ofTimestampNtz(long microsSinceEpoch) {
    return new Literal(microsSinceEpoch, DataTypes.TIMESTAMP_NTZ);
  }

  /**
   * Creates a decimal literal, rescaling {@code v} to {@code scale}.
   *
   * @param v the value
   * @param precision the type's precision
   * @param scale the type's scale
   * @return the literal
   * @throws IllegalArgumentException if the value does not fit decimal(precision, scale) exactly
   */
  public static Literal ofDecimal(BigDecimal v, int precision, int scale) {
    BigDecimal scaled;
    try {
      scaled = requireNonNull(v, "value is null").setScale(scale, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          v + " does not fit decimal(" + precision + "," + scale + ") without rounding", e);
    }
    if (scaled.precision() > precision && scaled.signum() != 0) {
      throw new IllegalArgumentException(
          v + " does not fit decimal(" + precision + "," + scale + ")");
    }
    return new Literal(scaled, DecimalType.of(precision, scale));
  }

  /**
   * @param dataType the type
   * @return a null literal of that type
   */
  public static Literal ofNull(DataType dataType) {
    return new Literal(null, dataType);
  }

  /**
   * @return the type
   */
  public DataType getDataType() {
    return dataType;
  }

  /**
   * @return the value in its kernel representation (a copy for binary), or empty for null
   */
  public Optional<Object> getValue() {
    if (value instanceof byte[]) {
      return Optional.of(((byte[]) value).clone());
    }
    return Optional.ofNullable(value);
  }

  /**
   * @return whether this is a null literal
   */
  public boolean isNull() {
    return value == null;
  }

  @Override
  public List<Expression> getChildren() {
    return List.of();
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitLiteral(this);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Literal) || !((Literal) o).dataType.equals(dataType)) {
      return false;
    }
    Object other = ((Literal) o).value;
    if (value instanceof byte[] && other instanceof byte[]) {
      return Arrays.equals((byte[]) value, (byte[]) other);
    }
    return value == null ? other == null : value.equals(other);
  }

  @Override
  public int hashCode() {
    int h =
        value instanceof byte[]
            ? Arrays.hashCode((byte[]) value)
            : value == null ? 0 : value.hashCode();
    return dataType.hashCode() * 31 + h;
  }

  /**
   * @return SQL-like text: {@code 1}, {@code 'abc'}, {@code DATE '2024-01-02'}, {@code NULL}
   */
  @Override
  public String toString() {
    if (value == null) {
      return "NULL";
    }
    if (dataType instanceof StringType) {
      return "'" + ((String) value).replace("'", "''") + "'";
    }
    if (dataType instanceof BinaryType) {
      StringBuilder sb = new StringBuilder("X'");
      for (byte b : (byte[]) value) {
        sb.append(String.format("%02X", b));
      }
      return sb.append("'").toString();
    }
    if (dataType instanceof DateType) {
      return "DATE '" + LocalDate.ofEpochDay((Integer) value) + "'";
    }
    if (dataType instanceof TimestampType || dataType instanceof TimestampNTZType) {
      long micros = (Long) value;
      LocalDateTime t =
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L),
              (int) Math.floorMod(micros, 1_000_000L) * 1000,
              ZoneOffset.UTC);
      return (dataType instanceof TimestampType ? "TIMESTAMP '" : "TIMESTAMP_NTZ '") + t + "'";
    }
    return String.valueOf(value);
  }
}
