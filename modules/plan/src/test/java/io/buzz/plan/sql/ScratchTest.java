package io.buzz.plan.sql;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void print() {
    CalciteSession s = new CalciteSession();
    SqlNode n =
        CalciteSession.parseQuery("SELECT trip_id FROM t WHERE fare_amount > 2 * 5 + 1", "x");
    RelNode rel =
        s.convert(
                n,
                "t",
                s.rowType(
                    java.util.List.of("trip_id", "fare_amount"),
                    java.util.List.of(
                        s.typeFactory.createSqlType(org.apache.calcite.sql.type.SqlTypeName.BIGINT),
                        s.typeFactory.createTypeWithNullability(
                            s.typeFactory.createSqlType(
                                org.apache.calcite.sql.type.SqlTypeName.DOUBLE),
                            true))),
                "x",
                null)
            .rel();
    System.out.println(RelOptUtil.toString(rel));
    System.out.println(RelOptUtil.toString(RelOptimizer.optimize(rel)));
  }
}
