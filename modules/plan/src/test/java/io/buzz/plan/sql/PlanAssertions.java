package io.buzz.plan.sql;

import io.buzz.plan.physical.PlanInvariants;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.ScanColumn;
import io.buzz.protocol.plan.Schema;
import java.util.List;

/** Compact views of plans for assertions. */
final class PlanAssertions {
  private PlanAssertions() {}

  /** Plans and checks the plan's invariants. */
  static PlannedQuery planChecked(String hbeeSql, String hcombSql) {
    PlannedQuery planned = PlanFixtures.plan(hbeeSql, hcombSql);
    check(planned);
    return planned;
  }

  static PlannedQuery planChecked(String hbeeSql, String hcombSql, String partitionFilter) {
    PlannedQuery planned = PlanFixtures.plan(hbeeSql, hcombSql, partitionFilter);
    check(planned);
    return planned;
  }

  static void check(PlannedQuery planned) {
    PlanInvariants.check(planned.plan());
    planned
        .partitionFilter()
        .ifPresent(f -> PlanInvariants.checkExpr(f, planned.partitionSchema()));
  }

  /** Operator kinds, with the mode of aggregates: {@code [FILTER, AGGREGATE PARTIAL]}. */
  static List<String> kinds(List<Operator> operators) {
    return operators.stream().map(PlanAssertions::kind).toList();
  }

  static String kind(Operator operator) {
    return operator.hasAggregate()
        ? "AGGREGATE " + operator.getAggregate().getMode()
        : operator.getKindCase().name();
  }

  /** Fields as {@code name TYPE} or {@code name TYPE NULL}. */
  static List<String> fields(Schema schema) {
    return schema.getFieldsList().stream().map(PlanAssertions::field).toList();
  }

  static String field(Field field) {
    return field.getName() + " " + field.getType() + (field.getNullable() ? " NULL" : "");
  }

  /** Like {@link #fields}, DECIMALs with their precision and scale. */
  static List<String> typedFields(Schema schema) {
    return schema.getFieldsList().stream()
        .map(
            f ->
                f.hasDecimal()
                    ? f.getName()
                        + " DECIMAL("
                        + f.getDecimal().getPrecision()
                        + ", "
                        + f.getDecimal().getScale()
                        + ")"
                        + (f.getNullable() ? " NULL" : "")
                    : field(f))
        .toList();
  }

  /**
   * Scan columns as {@code name <- parquet name}, {@code name <- partition key} or {@code name <-
   * row count only}.
   */
  static List<String> scan(PlannedQuery planned) {
    return planned.plan().getHbee().getScan().getColumnsList().stream()
        .map(PlanAssertions::scanColumn)
        .toList();
  }

  private static String scanColumn(ScanColumn column) {
    return column.getName()
        + " "
        + column.getType()
        + (column.getNullable() ? " NULL" : "")
        + switch (column.getSourceCase()) {
          case PARTITION_KEY -> " <- partition " + column.getPartitionKey();
          case ROWS_ONLY -> " <- row count only";
          case PARQUET_COLUMN, SOURCE_NOT_SET -> " <- parquet " + column.getParquetColumn();
        };
  }

  /** The predicate of the HBee plan's filter at {@code index}. */
  static Expr hbeeFilter(PlannedQuery planned, int index) {
    return planned.plan().getHbee().getOperators(index).getFilter().getPredicate();
  }
}
