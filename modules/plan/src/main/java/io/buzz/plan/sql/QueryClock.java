package io.buzz.plan.sql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * {@code CURRENT_DATE}, {@code CURRENT_TIMESTAMP} and {@code LOCALTIMESTAMP}, fixed once per query:
 * every use in a query's SQL (both steps, the partition filter) becomes a literal of the same
 * instant, in UTC (Buzz's timestamps carry no zone), so every HBee and the HComb see one value. A
 * plan that reads the clock is never cached ({@link PlanCache}).
 */
final class QueryClock {
  private final ZonedDateTime now;

  QueryClock(Instant now) {
    this.now = now.atZone(ZoneOffset.UTC);
  }

  /** Whether SQL text may read the clock (a cheap, conservative test for the plan cache). */
  static boolean mayReadClock(String sql) {
    String upper = sql.toUpperCase(java.util.Locale.ROOT);
    return upper.contains("CURRENT_") || upper.contains("LOCALTIMESTAMP");
  }

  /** {@code rel} with each clock function replaced by this query's instant. */
  RelNode fix(RelNode rel, RexBuilder rexBuilder) {
    java.util.List<RelNode> inputs = new java.util.ArrayList<>();
    for (RelNode input : rel.getInputs()) {
      inputs.add(fix(input, rexBuilder));
    }
    RelNode withInputs = inputs.equals(rel.getInputs()) ? rel : rel.copy(rel.getTraitSet(), inputs);
    return withInputs.accept(
        new RexShuttle() {
          @Override
          public RexNode visitCall(RexCall call) {
            String name = call.getOperator().getName().toUpperCase(java.util.Locale.ROOT);
            switch (name) {
              case "CURRENT_DATE":
                return rexBuilder.makeDateLiteral(
                    new DateString(now.getYear(), now.getMonthValue(), now.getDayOfMonth()));
              case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP":
                int precision = Math.min(6, call.getType().getPrecision());
                TimestampString timestamp =
                    new TimestampString(
                            now.getYear(),
                            now.getMonthValue(),
                            now.getDayOfMonth(),
                            now.getHour(),
                            now.getMinute(),
                            now.getSecond())
                        .withNanos(now.getNano() / 1000 * 1000);
                return rexBuilder.makeCast(
                    call.getType(),
                    rexBuilder.makeTimestampLiteral(timestamp.round(precision), precision));
              default:
                return super.visitCall(call);
            }
          }
        });
  }
}
