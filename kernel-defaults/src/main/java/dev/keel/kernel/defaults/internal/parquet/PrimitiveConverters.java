package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.BooleanType;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DataTypeVisitor;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StringType;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import dev.keel.kernel.types.VariantType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Converters from one Parquet primitive column into one Arrow vector of the requested Delta type.
 * Each writes at its {@link Slot}; values the file does not have stay null (validity bits start
 * cleared). Widening conversions (int to long, float to double, int to decimal, date to
 * timestamp_ntz, decimal rescaling) happen here.
 */
final class PrimitiveConverters {
  private PrimitiveConverters() {}

  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final int JULIAN_EPOCH_DAY = 2_440_588;

  static PrimitiveConverter create(
      String file,
      String column,
      DataType target,
      PrimitiveType fileType,
      VectorRef ref,
      Slot slot) {
    PrimitiveConverter c = target.accept(new ForTarget(file, column, fileType, ref, slot));
    if (c == null) {
      throw Errors.unsupportedConversion(file, column, describe(fileType), target);
    }
    return c;
  }

  /**
   * The converter into a target type from the file's primitive type; null when there is no
   * conversion.
   */
  private static final class ForTarget implements DataTypeVisitor<PrimitiveConverter> {
    private final String file;
    private final String column;
    private final PrimitiveType fileType;
    private final PrimitiveTypeName p;
    private final LogicalTypeAnnotation logical;
    private final VectorRef ref;
    private final Slot slot;

    ForTarget(String file, String column, PrimitiveType fileType, VectorRef ref, Slot slot) {
      this.file = file;
      this.column = column;
      this.fileType = fileType;
      this.p = fileType.getPrimitiveTypeName();
      this.logical = fileType.getLogicalTypeAnnotation();
      this.ref = ref;
      this.slot = slot;
    }

    @Override
    public PrimitiveConverter visitOther(DataType type) {
      return null;
    }

    @Override
    public PrimitiveConverter visitStruct(StructType type) {
      return null;
    }

    @Override
    public PrimitiveConverter visitArray(ArrayType type) {
      return null;
    }

    @Override
    public PrimitiveConverter visitMap(MapType type) {
      return null;
    }

    @Override
    public PrimitiveConverter visitVariant(VariantType type) {
      return null;
    }

    @Override
    public PrimitiveConverter visitBoolean(BooleanType type) {
      if (!(p == PrimitiveTypeName.BOOLEAN)) {
        return null;
      }
      return new PrimitiveConverter() {
        @Override
        public void addBoolean(boolean value) {
          ((BitVector) ref.v).setSafe(slot.get(), value ? 1 : 0);
        }
      };
    }

    @Override
    public PrimitiveConverter visitByte(ByteType type) {
      if (!(p == PrimitiveTypeName.INT32)) {
        return null;
      }
      return new PrimitiveConverter() {
        @Override
        public void addInt(int value) {
          ((TinyIntVector) ref.v).setSafe(slot.get(), (byte) value);
        }
      };
    }

    @Override
    public PrimitiveConverter visitShort(ShortType type) {
      if (!(p == PrimitiveTypeName.INT32)) {
        return null;
      }
      return new PrimitiveConverter() {
        @Override
        public void addInt(int value) {
          ((SmallIntVector) ref.v).setSafe(slot.get(), (short) value);
        }
      };
    }

    @Override
    public PrimitiveConverter visitInteger(IntegerType type) {
      if (!(p == PrimitiveTypeName.INT32
          && !(logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation))) {
        return null;
      }
      return new PrimitiveConverter() {
        @Override
        public void addInt(int value) {
          ((IntVector) ref.v).setSafe(slot.get(), value);
        }
      };
    }

    @Override
    public PrimitiveConverter visitLong(LongType type) {
      if (!((p == PrimitiveTypeName.INT32 || p == PrimitiveTypeName.INT64))) {
        return null;
      }
      return new PrimitiveConverter() {
        @Override
        public void addInt(int value) {
          ((BigIntVector) ref.v).setSafe(slot.get(), value);
        }

        @Override
        public void addLong(long value) {
          ((BigIntVector) ref.v).setSafe(slot.get(), value);
        }
      };
    }

    @Override
    public PrimitiveConverter visitFloat(FloatType type) {
      if (!(p == PrimitiveTypeName.FLOAT)) {
        return null;
      }
      return new PrimitiveConverter() {
        @Override
        public void addFloat(float value) {
          ((Float4Vector) ref.v).setSafe(slot.get(), value);
        }
      };
    }

    @Override
    public PrimitiveConverter visitDouble(DoubleType type) {
      if (p != PrimitiveTypeName.DOUBLE
          && p != PrimitiveTypeName.FLOAT
          && p != PrimitiveTypeName.INT32) {
        return null;
      }
      return new PrimitiveConverter() {
        @Override
        public void addDouble(double value) {
          ((Float8Vector) ref.v).setSafe(slot.get(), value);
        }

        @Override
        public void addFloat(float value) {
          ((Float8Vector) ref.v).setSafe(slot.get(), value);
        }

        @Override
        public void addInt(int value) {
          ((Float8Vector) ref.v).setSafe(slot.get(), value);
        }
      };
    }

    @Override
    public PrimitiveConverter visitDecimal(DecimalType type) {
      return decimal(file, column, type, fileType, ref, slot);
    }

    @Override
    public PrimitiveConverter visitString(StringType type) {
      if (!(p == PrimitiveTypeName.BINARY)) {
        return null;
      }
      return new PrimitiveConverter() {
        @Override
        public void addBinary(Binary value) {
          ByteBuffer b = value.toByteBuffer();
          ((VarCharVector) ref.v).setSafe(slot.get(), b, b.position(), b.remaining());
        }
      };
    }

    @Override
    public PrimitiveConverter visitBinary(BinaryType type) {
      if (!((p == PrimitiveTypeName.BINARY || p == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY))) {
        return null;
      }
      return new PrimitiveConverter() {
        @Override
        public void addBinary(Binary value) {
          ByteBuffer b = value.toByteBuffer();
          ((VarBinaryVector) ref.v).setSafe(slot.get(), b, b.position(), b.remaining());
        }
      };
    }

    @Override
    public PrimitiveConverter visitDate(DateType type) {
      if (!(p == PrimitiveTypeName.INT32)) {
        return null;
      }
      return new PrimitiveConverter() {
        @Override
        public void addInt(int value) {
          ((DateDayVector) ref.v).setSafe(slot.get(), value);
        }
      };
    }

    @Override
    public PrimitiveConverter visitTimestamp(TimestampType type) {
      return timestamp(fileType, ref, slot, false);
    }

    @Override
    public PrimitiveConverter visitTimestampNtz(TimestampNTZType type) {
      return timestamp(fileType, ref, slot, true);
    }
  }

  static String describe(PrimitiveType t) {
    LogicalTypeAnnotation l = t.getLogicalTypeAnnotation();
    return t.getPrimitiveTypeName() + (l == null ? "" : " (" + l + ")");
  }

  private static PrimitiveConverter timestamp(
      PrimitiveType fileType, VectorRef ref, Slot slot, boolean ntz) {
    PrimitiveTypeName p = fileType.getPrimitiveTypeName();
    LogicalTypeAnnotation logical = fileType.getLogicalTypeAnnotation();
    if (p == PrimitiveTypeName.INT96) {
      return new PrimitiveConverter() {
        @Override
        public void addBinary(Binary value) {
          ByteBuffer b = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
          long nanosOfDay = b.getLong(b.position());
          int julianDay = b.getInt(b.position() + 8);
          ((TimeStampVector) ref.v)
              .setSafe(
                  slot.get(),
                  (julianDay - (long) JULIAN_EPOCH_DAY) * MICROS_PER_DAY
                      + Math.floorDiv(nanosOfDay, 1000L));
        }
      };
    }
    if (p == PrimitiveTypeName.INT64) {
      long multiplier = 1;
      long divisor = 1;
      if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
        switch (((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) logical).getUnit()) {
          case MILLIS:
            multiplier = 1000;
            break;
          case NANOS:
            divisor = 1000;
            break;
          default:
            break;
        }
      }
      long m = multiplier;
      long d = divisor;
      return new PrimitiveConverter() {
        @Override
        public void addLong(long value) {
          ((TimeStampVector) ref.v)
              .setSafe(slot.get(), d == 1 ? value * m : Math.floorDiv(value, d));
        }
      };
    }
    if (ntz
        && p == PrimitiveTypeName.INT32
        && logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return new PrimitiveConverter() {
        @Override
        public void addInt(int value) {
          ((TimeStampVector) ref.v).setSafe(slot.get(), value * MICROS_PER_DAY);
        }
      };
    }
    return null;
  }

  private static PrimitiveConverter decimal(
      String file,
      String column,
      DecimalType target,
      PrimitiveType fileType,
      VectorRef ref,
      Slot slot) {
    PrimitiveTypeName p = fileType.getPrimitiveTypeName();
    LogicalTypeAnnotation logical = fileType.getLogicalTypeAnnotation();
    int fileScale;
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
      fileScale = ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale();
    } else if ((p == PrimitiveTypeName.INT32 || p == PrimitiveTypeName.INT64)
        && (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation)) {
      fileScale = 0; // integer widened to decimal
    } else {
      return null;
    }
    int targetScale = target.getScale();
    boolean sameScale = fileScale == targetScale;
    switch (p) {
      case INT32:
      case INT64:
        return new PrimitiveConverter() {
          @Override
          public void addInt(int value) {
            addLong(value);
          }

          @Override
          public void addLong(long value) {
            if (sameScale) {
              ((DecimalVector) ref.v).setSafe(slot.get(), value);
            } else {
              ((DecimalVector) ref.v)
                  .setSafe(
                      slot.get(),
                      BigDecimal.valueOf(value, fileScale)
                          .setScale(targetScale, RoundingMode.UNNECESSARY));
            }
          }
        };
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        return new PrimitiveConverter() {
          @Override
          public void addBinary(Binary value) {
            byte[] bytes = value.getBytesUnsafe();
            if (sameScale && bytes.length <= 16) {
              ((DecimalVector) ref.v).setBigEndianSafe(slot.get(), bytes);
            } else {
              BigDecimal d = new BigDecimal(new BigInteger(bytes), fileScale);
              ((DecimalVector) ref.v)
                  .setSafe(slot.get(), d.setScale(targetScale, RoundingMode.UNNECESSARY));
            }
          }
        };
      default:
        return null;
    }
  }
}
