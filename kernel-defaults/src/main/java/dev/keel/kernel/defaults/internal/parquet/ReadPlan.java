package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.engine.MetadataColumns;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.types.ArrayType;
import dev.keel.kernel.types.BinaryType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.MapType;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.VariantType;
import dev.keel.kernel.types.VoidType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Matches a requested (physical) Delta schema against a Parquet file schema and builds, once per
 * file, the projection to read and the converter tree that writes into Arrow vectors.
 *
 * <p>Fields match by Parquet field id when the Delta field has {@value #FIELD_ID_KEY} metadata,
 * else by exact name, else by name ignoring case. A requested nullable field the file lacks reads
 * as nulls; a missing non-nullable one fails. Lists follow Parquet's backward-compatibility rules
 * (2- and 3-level), maps accept MAP and MAP_KEY_VALUE.
 */
final class ReadPlan {
  /** Delta field metadata key holding the Parquet field id to match. */
  static final String FIELD_ID_KEY = "parquet.field.id";

  final MessageType requestedSchema; // every column read from the file; null when none
  final MessageType recordSchema; // the nested columns, assembled record by record; null when none
  final GroupConverters.Root root = new GroupConverters.Root();

  /**
   * Converters of the requested schema for column-by-column decoding: flat columns' real ones,
   * others ignoring.
   */
  final GroupConverters.Root columnRoot = new GroupConverters.Root();

  /**
   * Top-level primitive columns {@link FlatColumnDecoder} does not take, decoded column by column
   * by parquet-hadoop's column reader; their converters write at {@link #flatRow}.
   */
  final List<String[]> flatColumns = new ArrayList<>();

  int flatRow;

  /**
   * Primitive columns reached through structs only (or top-level) that {@link FlatColumnDecoder}
   * decodes.
   */
  final List<Columnar> columnar = new ArrayList<>();

  /** Maps of primitives reached through structs only, decoded by {@link MapColumnDecoder}. */
  final List<ColumnarMap> columnarMaps = new ArrayList<>();

  /**
   * The structs (reached through structs only) enclosing the field being planned, outermost first.
   */
  private final List<Columnar.StructLevel> enclosing = new ArrayList<>();

  private final MessageType fileSchema;

  /**
   * The structs around a columnar leaf or map: their vectors, definition levels and names, and
   * which of them the leaf or map claims. The first columnar leaf or map below a struct claims it
   * and marks its vector; the others say where they find it present, and {@link StructPresence}
   * checks that they agree with the claimer.
   */
  static final class Claimed {
    private final List<Function<FieldVector[], FieldVector>> vectors = new ArrayList<>();
    final int[] levels;
    final String[] names;
    final boolean[] claims;
    final String[] claimers;

    /**
     * @param structs the enclosing structs, outermost first
     * @param column the leaf's or map's dotted path: it claims the structs not yet claimed
     */
    Claimed(List<Columnar.StructLevel> structs, String column) {
      levels = new int[structs.size()];
      names = new String[structs.size()];
      claims = new boolean[structs.size()];
      claimers = new String[structs.size()];
      for (int k = 0; k < levels.length; k++) {
        Columnar.StructLevel s = structs.get(k);
        vectors.add(s.vector);
        levels[k] = s.definitionLevel;
        names[k] = s.name;
        if (s.claimer == null) {
          s.claimer = column;
          claims[k] = true;
        }
        claimers[k] = s.claimer;
      }
    }

    /**
     * @return the struct vectors of a batch, in the order of {@link #levels}
     */
    StructVector[] vectors(FieldVector[] topLevel) {
      StructVector[] out = new StructVector[levels.length];
      for (int k = 0; k < out.length; k++) {
        out[k] = (StructVector) vectors.get(k).apply(topLevel);
      }
      return out;
    }
  }

  /**
   * A map decoded by {@link MapColumnDecoder}, with the struct vectors whose validity it writes.
   */
  static final class ColumnarMap {
    final String path; // the map's dotted file path, for messages
    final String[] keyPath;
    final FlatColumnDecoder.Kind keyKind;
    final String[] valuePath; // null when the file's map has no value column
    final FlatColumnDecoder.Kind valueKind;
    final int mapLevel;
    final Function<FieldVector[], FieldVector> vector;
    final Claimed structs;

    ColumnarMap(
        String[] keyPath,
        FlatColumnDecoder.Kind keyKind,
        String[] valuePath,
        FlatColumnDecoder.Kind valueKind,
        int mapLevel,
        Function<FieldVector[], FieldVector> vector,
        Claimed structs) {
      this.path = String.join(".", Arrays.copyOf(keyPath, keyPath.length - 2));
      this.keyPath = keyPath;
      this.keyKind = keyKind;
      this.valuePath = valuePath;
      this.valueKind = valueKind;
      this.mapLevel = mapLevel;
      this.vector = vector;
      this.structs = structs;
    }
  }

  /**
   * A leaf decoded by {@link FlatColumnDecoder}, with the struct vectors whose validity it writes.
   */
  static final class Columnar {
    final String[] path;
    final String name; // the dotted path, for messages
    final FlatColumnDecoder.Kind kind;
    final Function<FieldVector[], FieldVector> vector;

    /** Enclosing structs: those this leaf marks defined, and those it checks. */
    final Claimed structs;

    Columnar(
        String[] path,
        FlatColumnDecoder.Kind kind,
        Function<FieldVector[], FieldVector> vector,
        Claimed structs) {
      this.path = path;
      this.name = String.join(".", path);
      this.kind = kind;
      this.vector = vector;
      this.structs = structs;
    }

    /** A struct vector and the definition level at which it is present. */
    static final class StructLevel {
      final Function<FieldVector[], FieldVector> vector;
      final int definitionLevel;
      final String name; // the dotted file path, for messages
      String claimer; // the path of the first columnar leaf or map below, once planned

      StructLevel(Function<FieldVector[], FieldVector> vector, int definitionLevel, String name) {
        this.vector = vector;
        this.definitionLevel = definitionLevel;
        this.name = name;
      }
    }
  }

  /**
   * Top-level shredded variant columns: read into auxiliary vectors, then rebuilt into the batch's
   * variant vectors.
   */
  final List<Shredded> shredded = new ArrayList<>();

  private int topLevelFields;

  static final class Shredded {
    final int ordinal;
    final StructType readType;

    Shredded(int ordinal, StructType readType) {
      this.ordinal = ordinal;
      this.readType = readType;
    }
  }

  final int rowIndexOrdinal; // -1 if not requested
  final List<VectorRef> refs = new ArrayList<>();
  private final String file;

  private ReadPlan(String file, StructType schema, MessageType fileSchema) {
    this.file = file;
    this.fileSchema = fileSchema;
    int rowIndex = -1;
    for (int i = 0; i < schema.length(); i++) {
      if (MetadataColumns.isRowIndex(schema.at(i))) {
        rowIndex = i;
      }
    }
    this.rowIndexOrdinal = rowIndex;
    this.topLevelFields = schema.length();
    List<Projected> fields =
        projectStruct(schema, fileSchema, null, () -> root.row, "", new String[0]);
    List<Converter> recordConverters = new ArrayList<>();
    List<Type> recordTypes = new ArrayList<>();
    List<Type> allTypes = new ArrayList<>();
    Converter[] columnConverters = new Converter[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      Projected f = fields.get(i);
      allTypes.add(f.type);
      if (f.flat) {
        columnConverters[i] = f.converter;
        flatColumns.add(new String[] {f.type.getName()});
      } else {
        columnConverters[i] = IgnoringConverters.of(f.type);
        if (f.recordType != null) {
          recordConverters.add(f.converter);
          recordTypes.add(f.recordType);
        }
      }
    }
    root.children = recordConverters.toArray(new Converter[0]);
    columnRoot.children = columnConverters;
    this.requestedSchema =
        allTypes.isEmpty() ? null : new MessageType(fileSchema.getName(), allTypes);
    this.recordSchema =
        recordTypes.isEmpty() ? null : new MessageType(fileSchema.getName(), recordTypes);
  }

  static ReadPlan create(String file, StructType schema, MessageType fileSchema) {
    return new ReadPlan(file, schema, fileSchema);
  }

  /** Points every converter at the vectors of a new batch and resets the row counter. */
  void bind(FieldVector[] topLevel) {
    for (VectorRef r : refs) {
      r.bind(topLevel);
    }
    root.row = 0;
  }

  private static final class Projected {
    final int fileIndex;
    final Type type;
    final Converter converter;
    final boolean flat; // a top-level primitive column read by parquet-hadoop's column reader

    /**
     * What record assembly reads: {@link #type} without its columnar leaves; null when nothing is
     * left.
     */
    final Type recordType;

    Projected(int fileIndex, Type type, Converter converter) {
      this(fileIndex, type, converter, false, type);
    }

    Projected(int fileIndex, Type type, Converter converter, boolean flat, Type recordType) {
      this.fileIndex = fileIndex;
      this.type = type;
      this.converter = converter;
      this.flat = flat;
      this.recordType = recordType;
    }
  }

  /**
   * @param parent resolves the struct vector holding the fields, or null for the top level
   * @param chain the file path of {@code fileGroup} when it is reached through structs only (empty
   *     at the top level), so its primitive fields may be decoded column by column; null inside
   *     lists and maps
   */
  private List<Projected> projectStruct(
      StructType target,
      GroupType fileGroup,
      Function<FieldVector[], FieldVector> parent,
      Slot slot,
      String path,
      String[] chain) {
    List<Projected> out = new ArrayList<>();
    for (int i = 0; i < target.length(); i++) {
      StructField field = target.at(i);
      if (MetadataColumns.isRowIndex(field) || field.getDataType() instanceof VoidType) {
        continue;
      }
      String fieldPath = path.isEmpty() ? field.getName() : path + "." + field.getName();
      Optional<Integer> match = find(field, fileGroup);
      if (match.isEmpty()) {
        if (!field.isNullable()) {
          throw Errors.missingRequiredColumn(file, fieldPath);
        }
        continue;
      }
      int ordinal = i;
      Function<FieldVector[], FieldVector> resolver =
          parent == null
              ? vs -> vs[ordinal]
              : vs -> (FieldVector) ((StructVector) parent.apply(vs)).getChildByOrdinal(ordinal);
      Type fileType = fileGroup.getType(match.get());
      if (parent == null
          && field.getDataType() instanceof VariantType
          && !fileType.isPrimitive()
          && ShreddedVariants.isShredded(fileType.asGroupType())) {
        StructType readType = ShreddedVariants.readType(fileType.asGroupType(), fieldPath);
        int aux = topLevelFields + shredded.size();
        shredded.add(new Shredded(ordinal, readType));
        Function<FieldVector[], FieldVector> auxResolver = vs -> vs[aux];
        Projected p =
            structInto(
                new GroupConverters.Struct(ref(auxResolver), slot),
                readType,
                fileType.asGroupType(),
                auxResolver,
                fieldPath,
                null);
        out.add(new Projected(match.get(), p.type, p.converter));
        continue;
      }
      boolean leaf =
          fileType.isPrimitive()
              && !fileType.isRepetition(Type.Repetition.REPEATED)
              && !field.getDataType().isNested()
              && !(field.getDataType() instanceof VariantType);
      if (chain != null && leaf) {
        FlatColumnDecoder.Kind kind =
            FlatColumnDecoder.kindOf(fileType.asPrimitiveType(), field.getDataType());
        if (kind != null) {
          String[] leafPath = append(chain, fileType.getName());
          columnar.add(
              new Columnar(
                  leafPath, kind, resolver, new Claimed(enclosing, String.join(".", leafPath))));
          out.add(new Projected(match.get(), fileType, null, false, null));
          continue;
        }
      }
      if (chain != null
          && field.getDataType() instanceof MapType
          && !fileType.isPrimitive()
          && !fileType.isRepetition(Type.Repetition.REPEATED)) {
        Type mapType =
            columnarMap(
                (MapType) field.getDataType(),
                fileType.asGroupType(),
                resolver,
                append(chain, fileType.getName()));
        if (mapType != null) {
          out.add(new Projected(match.get(), mapType, null, false, null));
          continue;
        }
      }
      if (chain != null
          && !fileType.isPrimitive()
          && !fileType.isRepetition(Type.Repetition.REPEATED)
          && field.getDataType() instanceof StructType) {
        String[] groupPath = append(chain, fileType.getName());
        Columnar.StructLevel level =
            new Columnar.StructLevel(
                resolver, fileSchema.getMaxDefinitionLevel(groupPath), String.join(".", groupPath));
        enclosing.add(level);
        Projected p =
            structInto(
                new GroupConverters.Struct(ref(resolver), slot),
                (StructType) field.getDataType(),
                fileType.asGroupType(),
                resolver,
                fieldPath,
                groupPath);
        enclosing.remove(enclosing.size() - 1);
        out.add(new Projected(match.get(), p.type, p.converter, false, p.recordType));
        continue;
      }
      boolean flat = parent == null && leaf;
      Projected p =
          convert(field.getDataType(), fileType, resolver, flat ? () -> flatRow : slot, fieldPath);
      out.add(new Projected(match.get(), p.type, p.converter, flat, flat ? null : p.type));
    }
    out.sort((a, b) -> Integer.compare(a.fileIndex, b.fileIndex));
    return out;
  }

  private static Optional<Integer> find(StructField field, GroupType group) {
    Optional<Long> id = field.getMetadata().getLong(FIELD_ID_KEY);
    if (id.isPresent()) {
      for (int j = 0; j < group.getFieldCount(); j++) {
        Type.ID fid = group.getType(j).getId();
        if (fid != null && fid.intValue() == id.get()) {
          return Optional.of(j);
        }
      }
    }
    if (group.containsField(field.getName())) {
      return Optional.of(group.getFieldIndex(field.getName()));
    }
    for (int j = 0; j < group.getFieldCount(); j++) {
      if (group.getType(j).getName().equalsIgnoreCase(field.getName())) {
        return Optional.of(j);
      }
    }
    return Optional.empty();
  }

  private VectorRef ref(Function<FieldVector[], FieldVector> resolver) {
    VectorRef r = new VectorRef(resolver);
    refs.add(r);
    return r;
  }

  private Projected convert(
      DataType target,
      Type fileType,
      Function<FieldVector[], FieldVector> resolver,
      Slot slot,
      String path) {
    if (fileType.isPrimitive()) {
      if (fileType.isRepetition(Type.Repetition.REPEATED)
          || target.isNested()
          || target instanceof VariantType) {
        throw Errors.unsupportedConversion(
            file,
            path,
            fileType.isRepetition(Type.Repetition.REPEATED)
                ? "repeated " + PrimitiveConverters.describe(fileType.asPrimitiveType())
                : PrimitiveConverters.describe(fileType.asPrimitiveType()),
            target);
      }
      return new Projected(
          -1,
          fileType,
          PrimitiveConverters.create(
              file, path, target, fileType.asPrimitiveType(), ref(resolver), slot));
    }
    GroupType group = fileType.asGroupType();
    if (target instanceof StructType) {
      GroupConverters.Struct conv = new GroupConverters.Struct(ref(resolver), slot);
      return structInto(conv, (StructType) target, group, resolver, path, null);
    }
    if (target instanceof VariantType) {
      if (group.containsField("typed_value")) {
        throw Errors.shreddedVariant(path, file);
      }
      StructType pair =
          new StructType(
              List.of(
                  new StructField("metadata", BinaryType.BINARY, false),
                  new StructField("value", BinaryType.BINARY, false)));
      GroupConverters.Struct conv = new GroupConverters.Struct(ref(resolver), slot);
      return structInto(conv, pair, group, resolver, path, null);
    }
    if (target instanceof ArrayType) {
      return list((ArrayType) target, group, resolver, slot, path);
    }
    if (target instanceof MapType) {
      return map((MapType) target, group, resolver, slot, path);
    }
    throw Errors.unsupportedConversion(file, path, "group " + group.getName(), target);
  }

  /**
   * @param chain as for {@link #projectStruct}: the group's file path if reached through structs
   *     only
   */
  private Projected structInto(
      GroupConverters.Struct conv,
      StructType target,
      GroupType group,
      Function<FieldVector[], FieldVector> resolver,
      String path,
      String[] chain) {
    List<Projected> children = projectStruct(target, group, resolver, conv.slot, path, chain);
    List<Type> types = new ArrayList<>();
    List<Type> recordTypes = new ArrayList<>();
    List<Converter> recordConverters = new ArrayList<>();
    for (Projected p : children) {
      types.add(p.type);
      if (p.recordType != null) {
        recordTypes.add(p.recordType);
        recordConverters.add(p.converter);
      }
    }
    conv.children = recordConverters.toArray(new Converter[0]);
    if (types.isEmpty()) {
      // Parquet cannot read an empty group: read the group's first leaf only to learn where it is
      // null.
      Type first = group.getType(0);
      types.add(first.isPrimitive() ? first : firstLeafPath(first.asGroupType()));
      conv.children = new Converter[] {IgnoringConverters.of(types.get(0))};
      return new Projected(-1, group.withNewFields(types), conv);
    }
    return new Projected(
        -1,
        group.withNewFields(types),
        conv,
        false,
        recordTypes.isEmpty() ? null : group.withNewFields(recordTypes));
  }

  /**
   * Plans a map of primitive keys and values for {@link MapColumnDecoder}: a group annotated MAP or
   * MAP_KEY_VALUE (or not annotated) holding one repeated group of a required key and an optional
   * value, of type pairs {@link FlatColumnDecoder} reads.
   *
   * @return the map's projected file type, or null to leave the map to record assembly
   */
  private Type columnarMap(
      MapType target,
      GroupType group,
      Function<FieldVector[], FieldVector> resolver,
      String[] mapPath) {
    LogicalTypeAnnotation logical = group.getLogicalTypeAnnotation();
    if (group.getFieldCount() != 1
        || group.getType(0).isPrimitive()
        || !group.getType(0).isRepetition(Type.Repetition.REPEATED)
        || (logical != null
            && !(logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation)
            && !(logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation))) {
      return null;
    }
    GroupType kv = group.getType(0).asGroupType();
    Type key = kv.getType(0);
    if (!key.isPrimitive() || !key.isRepetition(Type.Repetition.REQUIRED)) {
      return null;
    }
    FlatColumnDecoder.Kind keyKind =
        FlatColumnDecoder.kindOf(key.asPrimitiveType(), target.getKeyType());
    Type value = kv.getFieldCount() > 1 ? kv.getType(1) : null;
    FlatColumnDecoder.Kind valueKind = null;
    if (value != null) {
      if (!value.isPrimitive() || value.isRepetition(Type.Repetition.REPEATED)) {
        return null;
      }
      valueKind = FlatColumnDecoder.kindOf(value.asPrimitiveType(), target.getValueType());
    }
    if (keyKind == null || (value != null && valueKind == null)) {
      return null;
    }
    String[] kvPath = append(mapPath, kv.getName());
    columnarMaps.add(
        new ColumnarMap(
            append(kvPath, key.getName()),
            keyKind,
            value == null ? null : append(kvPath, value.getName()),
            valueKind,
            fileSchema.getMaxDefinitionLevel(mapPath),
            resolver,
            new Claimed(enclosing, String.join(".", mapPath))));
    return group.withNewFields(
        value == null ? kv.withNewFields(key) : kv.withNewFields(key, value));
  }

  private static String[] append(String[] path, String name) {
    String[] out = java.util.Arrays.copyOf(path, path.length + 1);
    out[path.length] = name;
    return out;
  }

  private static Type firstLeafPath(GroupType g) {
    Type first = g.getType(0);
    return g.withNewFields(first.isPrimitive() ? first : firstLeafPath(first.asGroupType()));
  }

  private Projected list(
      ArrayType target,
      GroupType group,
      Function<FieldVector[], FieldVector> resolver,
      Slot slot,
      String path) {
    if (group.getFieldCount() != 1 || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      throw Errors.unsupportedConversion(file, path, "group " + group + " (not a list)", target);
    }
    GroupConverters.Repeated list = new GroupConverters.Repeated(ref(resolver), slot);
    Function<FieldVector[], FieldVector> data =
        vs -> ((ListVector) resolver.apply(vs)).getDataVector();
    Type repeated = group.getType(0);
    String elementPath = path + ".element";
    if (repeated.isPrimitive()) {
      // 2-level list of primitives: the repeated field is the element.
      org.apache.parquet.schema.PrimitiveType rp = repeated.asPrimitiveType();
      Type asElement =
          org.apache.parquet.schema.Types.required(rp.getPrimitiveTypeName())
              .length(rp.getTypeLength())
              .as(rp.getLogicalTypeAnnotation())
              .named(rp.getName());
      Projected element =
          convert(target.getElementType(), asElement, data, list.elementSlot, elementPath);
      list.child =
          new GroupConverters.CountingPrimitive(
              (org.apache.parquet.io.api.PrimitiveConverter) element.converter, list);
      return new Projected(-1, group.withNewFields(repeated), list);
    }
    GroupType rep = repeated.asGroupType();
    boolean repeatedIsElement =
        rep.getFieldCount() > 1
            || rep.getName().equals("array")
            || rep.getName().equals(group.getName() + "_tuple");
    if (repeatedIsElement) {
      if (!(target.getElementType() instanceof StructType)) {
        throw Errors.unsupportedConversion(
            file, elementPath, "group " + rep.getName(), target.getElementType());
      }
      GroupConverters.Struct element = new GroupConverters.Struct(ref(data), list.elementSlot);
      element.onEnd = list::elementDone;
      Projected p =
          structInto(element, (StructType) target.getElementType(), rep, data, elementPath, null);
      list.child = element;
      return new Projected(-1, group.withNewFields(p.type), list);
    }
    GroupConverters.Element middle = new GroupConverters.Element(list, null);
    Projected element =
        convert(target.getElementType(), rep.getType(0), data, list.elementSlot, elementPath);
    middle.children = new Converter[] {element.converter};
    list.child = middle;
    return new Projected(-1, group.withNewFields(rep.withNewFields(element.type)), list);
  }

  private Projected map(
      MapType target,
      GroupType group,
      Function<FieldVector[], FieldVector> resolver,
      Slot slot,
      String path) {
    if (group.getFieldCount() != 1
        || group.getType(0).isPrimitive()
        || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      throw Errors.unsupportedConversion(file, path, "group " + group + " (not a map)", target);
    }
    LogicalTypeAnnotation logical = group.getLogicalTypeAnnotation();
    if (logical != null
        && !(logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation)
        && !(logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)) {
      throw Errors.unsupportedConversion(
          file, path, "group " + group.getName() + " (" + logical + ")", target);
    }
    GroupType kv = group.getType(0).asGroupType();
    GroupConverters.Repeated map = new GroupConverters.Repeated(ref(resolver), slot);
    Function<FieldVector[], FieldVector> entries =
        vs -> ((ListVector) resolver.apply(vs)).getDataVector();
    GroupConverters.Element entry = new GroupConverters.Element(map, ref(entries));
    Function<FieldVector[], FieldVector> keys =
        vs -> (FieldVector) ((StructVector) entries.apply(vs)).getChildByOrdinal(0);
    Function<FieldVector[], FieldVector> values =
        vs -> (FieldVector) ((StructVector) entries.apply(vs)).getChildByOrdinal(1);
    Projected key =
        convert(target.getKeyType(), kv.getType(0), keys, map.elementSlot, path + ".key");
    List<Type> kvTypes = new ArrayList<>(List.of(key.type));
    List<Converter> kvConverters = new ArrayList<>(List.of(key.converter));
    if (kv.getFieldCount() > 1) {
      Projected value =
          convert(target.getValueType(), kv.getType(1), values, map.elementSlot, path + ".value");
      kvTypes.add(value.type);
      kvConverters.add(value.converter);
    }
    entry.children = kvConverters.toArray(new Converter[0]);
    map.child = entry;
    return new Projected(-1, group.withNewFields(kv.withNewFields(kvTypes)), map);
  }
}
