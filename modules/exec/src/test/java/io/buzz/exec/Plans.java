package io.buzz.exec;

import io.buzz.protocol.plan.Call;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.Filter;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.Limit;
import io.buzz.protocol.plan.Literal;
import io.buzz.protocol.plan.NamedExpr;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Project;
import io.buzz.protocol.plan.Schema;

/** Terse builders for hand-written plan protos in tests. */
final class Plans {
  private Plans() {}

  static Field field(String name, DataType type) {
    return Field.newBuilder().setName(name).setType(type).setNullable(true).build();
  }

  static Schema schema(Field... fields) {
    Schema.Builder builder = Schema.newBuilder();
    for (Field field : fields) {
      builder.addFields(field);
    }
    return builder.build();
  }

  static Expr col(int index, DataType type) {
    return Expr.newBuilder().setType(type).setNullable(true).setColumn(index).build();
  }

  static Expr lit(long value) {
    return Expr.newBuilder()
        .setType(DataType.INT64)
        .setLiteral(Literal.newBuilder().setInt64Value(value))
        .build();
  }

  static Expr lit(double value) {
    return Expr.newBuilder()
        .setType(DataType.FLOAT64)
        .setLiteral(Literal.newBuilder().setFloat64Value(value))
        .build();
  }

  static Expr lit(String value) {
    return Expr.newBuilder()
        .setType(DataType.UTF8)
        .setLiteral(Literal.newBuilder().setUtf8Value(value))
        .build();
  }

  static Expr lit(boolean value) {
    return Expr.newBuilder()
        .setType(DataType.BOOL)
        .setLiteral(Literal.newBuilder().setBoolValue(value))
        .build();
  }

  static Expr nullOf(DataType type) {
    return Expr.newBuilder()
        .setType(type)
        .setNullable(true)
        .setLiteral(Literal.getDefaultInstance())
        .build();
  }

  static Expr call(Function function, DataType type, Expr... args) {
    Call.Builder call = Call.newBuilder().setFunction(function);
    for (Expr arg : args) {
      call.addArgs(arg);
    }
    return Expr.newBuilder().setType(type).setNullable(true).setCall(call).build();
  }

  static Operator filter(Expr predicate) {
    return Operator.newBuilder().setFilter(Filter.newBuilder().setPredicate(predicate)).build();
  }

  static Operator project(Object... nameThenExpr) {
    Project.Builder project = Project.newBuilder();
    for (int i = 0; i < nameThenExpr.length; i += 2) {
      project.addExprs(
          NamedExpr.newBuilder()
              .setName((String) nameThenExpr[i])
              .setExpr((Expr) nameThenExpr[i + 1]));
    }
    return Operator.newBuilder().setProject(project).build();
  }

  static Operator limit(long offset, Long fetch) {
    Limit.Builder limit = Limit.newBuilder().setOffset(offset);
    if (fetch != null) {
      limit.setFetch(fetch);
    }
    return Operator.newBuilder().setLimit(limit).build();
  }

  /** Statistics of a unit of {@code rows} rows: the given columns' bounds, nothing for others. */
  static StatisticsPruner.Bounds unit(
      long rows, java.util.Map<Integer, StatisticsPruner.ColumnBounds> columns) {
    return new StatisticsPruner.Bounds() {
      @Override
      public long rows() {
        return rows;
      }

      @Override
      public java.util.Optional<StatisticsPruner.ColumnBounds> column(int index) {
        return java.util.Optional.ofNullable(columns.get(index));
      }
    };
  }
}
