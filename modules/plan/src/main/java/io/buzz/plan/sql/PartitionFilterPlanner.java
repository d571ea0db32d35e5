package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.plan.model.Step;
import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Plans the HBee step's {@code partition_filter}: a SQL boolean expression over the table's
 * partition columns that the Fuse evaluates on each file's partition values.
 *
 * <p>The expression is parsed on its own, so every position in a message points into the filter
 * text. It may name partition columns only; naming another column of the table is BAD_QUERY, an
 * unknown one NOT_FOUND. It is then validated as {@code SELECT <filter> FROM <table>} against a
 * table of only the partition columns, constant-folded, and translated to an {@link Expr} whose
 * column indices refer to the partition columns in table order.
 */
final class PartitionFilterPlanner {
  private PartitionFilterPlanner() {}

  static Optional<Expr> plan(CalciteSession session, Step step, TableSchema table) {
    if (step.partitionFilter().isEmpty()) {
      return Optional.empty();
    }
    String filter = step.partitionFilter().get();
    String context = "partition_filter of " + step.describe();
    SqlNode expression = CalciteSession.parseExpression(filter, context);
    SqlSupportChecker.checkExpression(expression, context);
    checkColumns(expression, context, table);

    List<String> names = new ArrayList<>();
    List<RelDataType> types = new ArrayList<>();
    for (TableColumn column : table.partitionColumns()) {
      names.add(column.name());
      types.add(BuzzTypes.toCalcite(session.typeFactory, column.type(), column.nullable()));
    }
    SqlSelect select =
        new SqlSelect(
            SqlParserPos.ZERO,
            null,
            SqlNodeList.of(expression),
            new SqlIdentifier(table.name(), SqlParserPos.ZERO),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    TableHint hint =
        new TableHint(
            "the partition columns of catalog '" + table.name() + "'",
            names,
            table.unsupportedColumns());
    RelNode rel =
        session.convert(select, table.name(), session.rowType(names, types), context, hint);
    RelDataType type = rel.getRowType().getFieldList().get(0).getType();
    if (type.getSqlTypeName() != SqlTypeName.BOOLEAN) {
      throw BuzzException.badQuery(
          context + " must be a boolean condition, but its type is " + type.getFullTypeString());
    }
    RelNode folded = RelOptimizer.foldConstants(rel);
    if (!(folded instanceof LogicalProject project)) {
      throw new IllegalStateException("partition filter did not plan to a projection: " + folded);
    }
    try {
      RexToExpr rex = new RexToExpr(session.rexBuilder, IntUnaryOperator.identity());
      return Optional.of(rex.translateAs(project.getProjects().get(0), ValueType.BOOL));
    } catch (BuzzException e) {
      throw new BuzzException(e.code(), context + ": " + e.getMessage(), e);
    }
  }

  /** Every column the filter names must be a partition column. */
  private static void checkColumns(SqlNode expression, String context, TableSchema table) {
    List<String> partitionNames = table.partitionColumns().stream().map(TableColumn::name).toList();
    String partitions = SqlErrors.list(partitionNames);
    expression.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlIdentifier identifier) {
            String name = identifier.names.get(identifier.names.size() - 1);
            String key = name.toLowerCase(Locale.ROOT);
            if (partitionNames.stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).equals(key))) {
              return null;
            }
            boolean exists =
                table.columns().stream()
                        .anyMatch(c -> c.name().toLowerCase(Locale.ROOT).equals(key))
                    || table.unsupportedColumns().keySet().stream()
                        .anyMatch(c -> c.toLowerCase(Locale.ROOT).equals(key));
            throw new BuzzException(
                exists ? ErrorCode.BAD_QUERY : ErrorCode.NOT_FOUND,
                context
                    + " references column '"
                    + name
                    + "'"
                    + SqlPositions.inParens(identifier.getParserPosition())
                    + ", which is not "
                    + (exists ? "a partition column" : "a column")
                    + " of catalog '"
                    + table.name()
                    + "'; partition columns: "
                    + partitions);
          }
        });
  }
}
