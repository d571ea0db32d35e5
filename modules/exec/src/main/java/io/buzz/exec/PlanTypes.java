package io.buzz.exec;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Decimal;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The one-to-one mapping between the plan's {@link DataType} and the kernels' {@link ColumnType},
 * and between plan schemas and Arrow schemas. Stateless.
 */
public final class PlanTypes {
  private PlanTypes() {}

  /**
   * @throws BuzzException INTERNAL for an unset or unknown type: the plan is broken
   */
  public static ColumnType columnType(DataType type) {
    return switch (type) {
      case BOOL -> ColumnType.BOOL;
      case INT32 -> ColumnType.INT32;
      case INT64 -> ColumnType.INT64;
      case FLOAT64 -> ColumnType.FLOAT64;
      case UTF8 -> ColumnType.UTF8;
      case DATE32 -> ColumnType.DATE32;
      case TIMESTAMP_MICROS -> ColumnType.TIMESTAMP_MICROS;
      case DECIMAL128 -> ColumnType.DECIMAL128;
      case FLOAT32 -> ColumnType.FLOAT32;
      case TIME_MICROS -> ColumnType.TIME_MICROS;
      case VARBINARY -> ColumnType.VARBINARY;
      case DATA_TYPE_UNSPECIFIED, UNRECOGNIZED ->
          throw new BuzzException(ErrorCode.INTERNAL, "invalid plan: data type " + type);
    };
  }

  /**
   * The Arrow type of a plan type; {@code decimal} gives a DECIMAL128's precision and scale.
   *
   * @throws BuzzException INTERNAL for an unset type or a decimal without a valid precision
   */
  public static ArrowType arrowType(DataType type, Decimal decimal) {
    ColumnType columnType = columnType(type);
    if (columnType != ColumnType.DECIMAL128) {
      return columnType.arrowType();
    }
    try {
      return ColumnType.decimal(decimal.getPrecision(), decimal.getScale());
    } catch (KernelException e) {
      throw new BuzzException(ErrorCode.INTERNAL, "invalid plan: " + e.getMessage(), e);
    }
  }

  /** The Arrow type of a plan field. */
  public static ArrowType arrowType(Field field) {
    return arrowType(field.getType(), field.getDecimal());
  }

  public static DataType dataType(ColumnType type) {
    return switch (type) {
      case BOOL -> DataType.BOOL;
      case INT32 -> DataType.INT32;
      case INT64 -> DataType.INT64;
      case FLOAT64 -> DataType.FLOAT64;
      case UTF8 -> DataType.UTF8;
      case DATE32 -> DataType.DATE32;
      case TIMESTAMP_MICROS -> DataType.TIMESTAMP_MICROS;
      case DECIMAL128 -> DataType.DECIMAL128;
      case FLOAT32 -> DataType.FLOAT32;
      case TIME_MICROS -> DataType.TIME_MICROS;
      case VARBINARY -> DataType.VARBINARY;
    };
  }

  /** The plan's precision and scale of a DECIMAL128 Arrow type; unset for other types. */
  public static Decimal decimal(ArrowType type) {
    if (type instanceof ArrowType.Decimal decimal) {
      return Decimal.newBuilder()
          .setPrecision(decimal.getPrecision())
          .setScale(decimal.getScale())
          .build();
    }
    return Decimal.getDefaultInstance();
  }

  /** The Arrow schema of a plan schema: names, nullability and the Arrow type of each column. */
  public static org.apache.arrow.vector.types.pojo.Schema arrowSchema(Schema schema) {
    List<org.apache.arrow.vector.types.pojo.Field> fields =
        new ArrayList<>(schema.getFieldsCount());
    for (Field field : schema.getFieldsList()) {
      fields.add(
          new org.apache.arrow.vector.types.pojo.Field(
              field.getName(), new FieldType(field.getNullable(), arrowType(field), null), null));
    }
    return new org.apache.arrow.vector.types.pojo.Schema(fields);
  }

  /**
   * The plan schema of an Arrow schema.
   *
   * @throws BuzzException UNSUPPORTED for an Arrow type Buzz does not compute with
   */
  public static Schema planSchema(org.apache.arrow.vector.types.pojo.Schema schema) {
    Schema.Builder builder = Schema.newBuilder();
    for (org.apache.arrow.vector.types.pojo.Field field : schema.getFields()) {
      ColumnType type;
      try {
        type = ColumnType.of(field.getType());
      } catch (KernelException e) {
        throw new BuzzException(
            ErrorCode.UNSUPPORTED,
            "column "
                + field.getName()
                + " has type "
                + field.getType()
                + ", which Buzz does not support",
            e);
      }
      builder.addFields(PlanTypes.field(field.getName(), field.getType(), field.isNullable()));
    }
    return builder.build();
  }

  /**
   * Whether two Arrow schemas have the same column names and types in the same order; nullability
   * may differ (between a plan and the data it reads, say).
   */
  public static boolean sameColumns(
      org.apache.arrow.vector.types.pojo.Schema a, org.apache.arrow.vector.types.pojo.Schema b) {
    if (a.getFields().size() != b.getFields().size()) {
      return false;
    }
    for (int i = 0; i < a.getFields().size(); i++) {
      if (!a.getFields().get(i).getName().equals(b.getFields().get(i).getName())
          || !a.getFields().get(i).getType().equals(b.getFields().get(i).getType())) {
        return false;
      }
    }
    return true;
  }

  /** A plan field of an Arrow type (with its precision and scale for a decimal). */
  public static Field field(String name, ArrowType type, boolean nullable) {
    Field.Builder field =
        Field.newBuilder()
            .setName(name)
            .setType(dataType(ColumnType.of(type)))
            .setNullable(nullable);
    if (type instanceof ArrowType.Decimal) {
      field.setDecimal(decimal(type));
    }
    return field.build();
  }

  /** The plan's name of an Arrow type: {@code INT64}, {@code DECIMAL(10,2)}, ... */
  public static String describe(ArrowType type) {
    if (type instanceof ArrowType.Decimal decimal) {
      return "DECIMAL(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
    }
    try {
      return ColumnType.of(type).name();
    } catch (KernelException e) {
      return type.toString();
    }
  }

  /** The Arrow types of a plan schema's columns, in order. */
  static List<ArrowType> arrowTypes(Schema schema) {
    List<ArrowType> types = new ArrayList<>(schema.getFieldsCount());
    for (Field field : schema.getFieldsList()) {
      types.add(arrowType(field));
    }
    return types;
  }

  /** The column types of a plan schema, in order. */
  static List<ColumnType> columnTypes(Schema schema) {
    List<ColumnType> types = new ArrayList<>(schema.getFieldsCount());
    for (Field field : schema.getFieldsList()) {
      types.add(columnType(field.getType()));
    }
    return types;
  }
}
