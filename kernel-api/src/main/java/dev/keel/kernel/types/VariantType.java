package dev.keel.kernel.types;

import dev.keel.kernel.annotations.Stable;

/**
 * The Delta {@code variant} type: semi-structured values encoded as a metadata and a value binary
 * (Parquet variant encoding). Needs the {@code variantType} table feature.
 */
@Stable
public final class VariantType extends PrimitiveType {
  /** The single instance. */
  public static final VariantType VARIANT = new VariantType();

  private VariantType() {
    super("variant");
  }

  @Override
  public <R> R accept(DataTypeVisitor<R> visitor) {
    return visitor.visitVariant(this);
  }
}
