package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Folds {@code CAST('<text>' AS DATE)}, {@code CAST('<text>' AS TIMESTAMP)} and {@code
 * CAST('<text>' AS TIME)} into literals before Calcite's constant folding sees them: Calcite
 * evaluates timestamps and times in milliseconds and would drop the microseconds of {@code
 * '2009-01-01 10:00:00.123456'}. This is also what turns {@code pickup_datetime > '2009-01-01
 * 10:00:00.5'} into a comparison with a TIMESTAMP literal.
 *
 * <p>Accepted text: {@code yyyy-MM-dd} for dates; {@code yyyy-MM-dd[ HH:mm[:ss[.fraction]]]} (or
 * with {@code T}) for timestamps; {@code H:mm[:ss[.fraction]]} for times. Text that does not parse
 * is a BAD_QUERY, and so is a string cast to a number that is not one (Calcite would leave that
 * CAST to fail on every row at run time).
 *
 * <p>Explicit casts written in SQL ({@code CAST('...' AS TIMESTAMP)}) are folded by Calcite while
 * converting, before this runs, so they keep millisecond precision; write {@code TIMESTAMP '...'}
 * for microseconds.
 */
final class TemporalCastFolder {
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?");

  /** A time with a one-digit hour, which {@link LocalTime#parse} wants zero-padded. */
  private static final Pattern SHORT_HOUR = Pattern.compile("\\d:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

  private TemporalCastFolder() {}

  static RelNode fold(RelNode rel, RexBuilder rexBuilder) {
    RexShuttle casts =
        new RexShuttle() {
          @Override
          public RexNode visitCall(RexCall call) {
            RexNode visited = super.visitCall(call);
            return visited instanceof RexCall cast ? foldCast(cast, rexBuilder) : visited;
          }
        };
    return rel.accept(
        new RelHomogeneousShuttle() {
          @Override
          public RelNode visit(RelNode other) {
            return super.visit(other).accept(casts);
          }
        });
  }

  private static RexNode foldCast(RexCall call, RexBuilder rexBuilder) {
    if (call.getKind() != SqlKind.CAST
        || call.getType().isNullable()
        || !(call.getOperands().get(0) instanceof RexLiteral literal)
        || literal.isNull()
        || !SqlTypeFamily.CHARACTER.contains(literal.getType())) {
      return call;
    }
    SqlTypeName target = call.getType().getSqlTypeName();
    String text = literal.getValueAs(String.class).trim();
    if (SqlTypeFamily.NUMERIC.contains(call.getType())) {
      checkNumber(text, target, call);
      return call;
    }
    if (target != SqlTypeName.DATE
        && target != SqlTypeName.TIMESTAMP
        && target != SqlTypeName.TIME) {
      return call;
    }
    try {
      if (target == SqlTypeName.DATE) {
        LocalDate date = LocalDate.parse(text);
        return rexBuilder.makeDateLiteral(DateString.fromDaysSinceEpoch((int) date.toEpochDay()));
      }
      if (target == SqlTypeName.TIME) {
        String padded = SHORT_HOUR.matcher(text).matches() ? "0" + text : text;
        LocalTime time = LocalTime.parse(padded);
        TimeString value =
            new TimeString(time.getHour(), time.getMinute(), time.getSecond())
                .withNanos(time.getNano());
        int precision = call.getType().getPrecision();
        return rexBuilder.makeTimeLiteral(value.round(precision), precision);
      }
      if (!TIMESTAMP.matcher(text).matches()) {
        throw new DateTimeParseException("not a timestamp", text, 0);
      }
      String normalized = text.length() == 10 ? text + "T00:00" : text.replace(' ', 'T');
      LocalDateTime time = LocalDateTime.parse(normalized);
      TimestampString value =
          new TimestampString(
                  time.getYear(),
                  time.getMonthValue(),
                  time.getDayOfMonth(),
                  time.getHour(),
                  time.getMinute(),
                  time.getSecond())
              .withNanos(time.getNano());
      int precision = call.getType().getPrecision();
      return rexBuilder.makeTimestampLiteral(value.round(precision), precision);
    } catch (DateTimeParseException e) {
      throw invalid(
          text,
          target
              + switch (target) {
                case DATE -> " (expected yyyy-MM-dd)";
                case TIME -> " (expected HH:mm[:ss[.ffffff]])";
                default -> " (expected yyyy-MM-dd HH:mm:ss[.ffffff])";
              },
          call);
    }
  }

  /** A string converted to a number must be one; Calcite would leave the failing CAST in place. */
  private static void checkNumber(String text, SqlTypeName target, RexCall call) {
    try {
      switch (target) {
        case TINYINT, SMALLINT, INTEGER -> Integer.parseInt(text);
        case BIGINT -> Long.parseLong(text);
        default -> Double.parseDouble(text);
      }
    } catch (NumberFormatException e) {
      throw invalid(text, target.toString(), call);
    }
  }

  private static BuzzException invalid(String text, String what, RexCall call) {
    return BuzzException.badQuery(
        "'"
            + text
            + "'"
            + SqlPositions.inParens(call.getParserPosition())
            + " is not a valid "
            + what);
  }
}
