package io.buzz.exec;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.Schema;
import java.util.ArrayList;
import java.util.List;

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
      case DATA_TYPE_UNSPECIFIED, UNRECOGNIZED ->
          throw new BuzzException(ErrorCode.INTERNAL, "invalid plan: data type " + type);
    };
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
    };
  }

  /** The Arrow schema of a plan schema: names, nullability and the Arrow type of each column. */
  public static org.apache.arrow.vector.types.pojo.Schema arrowSchema(Schema schema) {
    List<org.apache.arrow.vector.types.pojo.Field> fields =
        new ArrayList<>(schema.getFieldsCount());
    for (Field field : schema.getFieldsList()) {
      fields.add(columnType(field.getType()).field(field.getName(), field.getNullable()));
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
      builder.addFields(
          Field.newBuilder()
              .setName(field.getName())
              .setType(dataType(type))
              .setNullable(field.isNullable()));
    }
    return builder.build();
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
