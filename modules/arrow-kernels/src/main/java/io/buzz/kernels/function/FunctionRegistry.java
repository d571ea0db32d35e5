package io.buzz.kernels.function;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.function.ScalarFunction.Signature;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every scalar function Buzz runs beyond the core operators (arithmetic, comparison, logic, CAST,
 * CASE, EXTRACT), each described once as a {@link ScalarFunction}. Immutable; {@link #STANDARD} is
 * the one the planner and the plan compiler share.
 */
public final class FunctionRegistry {
  private static final ColumnType UTF8 = ColumnType.UTF8;
  private static final ColumnType INT64 = ColumnType.INT64;
  private static final ColumnType BOOL = ColumnType.BOOL;
  private static final Signature UTF8_TO_UTF8 = new Signature(List.of(UTF8), UTF8);

  /** The functions of this version of Buzz. */
  public static final FunctionRegistry STANDARD =
      new FunctionRegistry(
          List.of(
              new ScalarFunction(
                  "lower",
                  List.of("LOWER", "LCASE"),
                  List.of(UTF8_TO_UTF8),
                  args -> Utf8MapExpression.toUtf8("lower", args.get(0), Utf8Text::lower),
                  "the text in lower case (Unicode's one-to-one mapping)"),
              new ScalarFunction(
                  "upper",
                  List.of("UPPER", "UCASE"),
                  List.of(UTF8_TO_UTF8),
                  args -> Utf8MapExpression.toUtf8("upper", args.get(0), Utf8Text::upper),
                  "the text in upper case (Unicode's one-to-one mapping; 'ß' becomes 'ẞ')"),
              new ScalarFunction(
                  "char_length",
                  List.of("CHAR_LENGTH", "CHARACTER_LENGTH", "LENGTH", "LEN"),
                  List.of(new Signature(List.of(ColumnType.UTF8), ColumnType.INT64)),
                  args ->
                      Utf8MapExpression.toInt64("char_length", args.get(0), Utf8Text::codePoints),
                  "the number of characters (Unicode code points)"),
              new ScalarFunction(
                  "like",
                  List.of("LIKE"),
                  likeSignatures(),
                  args -> like(args, false),
                  "value LIKE pattern [ESCAPE c]: % any run of characters, _ one character"),
              rowWise(
                  "substring",
                  List.of("SUBSTRING", "SUBSTR"),
                  List.of(
                      new Signature(List.of(UTF8, INT64), UTF8),
                      new Signature(List.of(UTF8, INT64, INT64), UTF8)),
                  args ->
                      args.length == 2
                          ? StringFunctions.substring((String) args[0], (Long) args[1])
                          : StringFunctions.substring(
                              (String) args[0], (Long) args[1], (Long) args[2]),
                  "characters from start (1 is the first, negative counts from the end), of a"
                      + " length (negative goes backwards)"),
              rowWise(
                  "replace",
                  List.of("REPLACE"),
                  List.of(new Signature(List.of(UTF8, UTF8, UTF8), UTF8)),
                  args ->
                      StringFunctions.replace((String) args[0], (String) args[1], (String) args[2]),
                  "every occurrence of a text replaced by another"),
              rowWise(
                  "strpos",
                  List.of("STRPOS", "INSTR"),
                  List.of(new Signature(List.of(UTF8, UTF8), INT64)),
                  args -> StringFunctions.strpos((String) args[0], (String) args[1]),
                  "the character position of a text's first occurrence, 0 if none"),
              rowWise(
                  "position",
                  List.of("POSITION"),
                  List.of(new Signature(List.of(UTF8, UTF8), INT64)),
                  args -> StringFunctions.strpos((String) args[1], (String) args[0]),
                  "POSITION(part IN text): STRPOS(text, part)"),
              rowWise(
                  "starts_with",
                  List.of("STARTS_WITH"),
                  List.of(new Signature(List.of(UTF8, UTF8), BOOL)),
                  args -> ((String) args[0]).startsWith((String) args[1]),
                  "whether a text starts with another"),
              rowWise(
                  "concat",
                  List.of("||"),
                  List.of(new Signature(List.of(UTF8, UTF8), UTF8)),
                  args -> (String) args[0] + args[1],
                  "a || b: NULL when either is"),
              new ScalarFunction(
                  "date_trunc",
                  List.of("DATE_TRUNC"),
                  List.of(
                      new Signature(
                          List.of(UTF8, ColumnType.TIMESTAMP_MICROS), ColumnType.TIMESTAMP_MICROS),
                      new Signature(List.of(UTF8, ColumnType.DATE32), ColumnType.DATE32)),
                  args -> new DateTruncExpression(args.get(0), args.get(1)),
                  "DATE_TRUNC('day', ts): the start of the unit (microsecond … year) holding it"),
              new ScalarFunction(
                  "date_part",
                  List.of("DATE_PART", "DATEPART"),
                  List.of(
                      new Signature(List.of(UTF8, ColumnType.TIMESTAMP_MICROS), INT64),
                      new Signature(List.of(UTF8, ColumnType.DATE32), INT64)),
                  args -> DatePart.bind(args.get(0), args.get(1)),
                  "DATE_PART('dow', d): dow, isodow, doy, week, quarter, isoyear, year, month, day"),
              trim("trim", "TRIM", StringFunctions.Ends.BOTH),
              trim("ltrim", "LTRIM", StringFunctions.Ends.LEADING),
              trim("rtrim", "RTRIM", StringFunctions.Ends.TRAILING),
              new ScalarFunction(
                  "ilike",
                  List.of("ILIKE"),
                  likeSignatures(),
                  args -> like(args, true),
                  "LIKE ignoring case")),
          NumericFunctions.all(),
          TextFunctions.all(),
          DateArithmetic.all());

  private final Map<String, ScalarFunction> byName = new LinkedHashMap<>();
  private final Map<String, ScalarFunction> bySqlName = new LinkedHashMap<>();

  @SafeVarargs
  private FunctionRegistry(List<ScalarFunction>... groups) {
    List<ScalarFunction> functions = new java.util.ArrayList<>();
    for (List<ScalarFunction> group : groups) {
      functions.addAll(group);
    }
    for (ScalarFunction function : functions) {
      if (byName.put(function.name(), function) != null) {
        throw new IllegalArgumentException("function " + function.name() + " registered twice");
      }
      for (String sqlName : function.sqlNames()) {
        if (bySqlName.put(sqlName.toUpperCase(Locale.ROOT), function) != null) {
          throw new IllegalArgumentException("SQL name " + sqlName + " registered twice");
        }
      }
    }
  }

  /**
   * Checks a call's constant operands as the kernel will use them (a regular expression's pattern),
   * so that the planner reports what cannot work before anything runs.
   *
   * @param constants the call's operands that are text constants, null for the others
   * @throws io.buzz.kernels.KernelException naming the constant and what is wrong with it
   */
  public static void checkConstants(ScalarFunction function, List<String> constants) {
    TextFunctions.checkConstants(function, constants);
  }

  /**
   * The DECIMAL type of a call of {@code function} whose signature returns DECIMAL128, for a first
   * operand of type {@code DECIMAL(precision, scale)} and a constant second operand {@code places}
   * (0 when there is none): the type its kernel produces, which the planner types the call with. A
   * function with a DECIMAL128 result adds its rule here.
   *
   * @throws IllegalArgumentException when the function returns no DECIMAL
   */
  public static org.apache.arrow.vector.types.pojo.ArrowType.Decimal decimalResult(
      ScalarFunction function, int precision, int scale, long places) {
    return DecimalRoundingExpression.resultType(function.name(), precision, scale, places);
  }

  /** The function plans call {@code name} (its wire name). */
  public Optional<ScalarFunction> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The function SQL calls {@code sqlName}, in any case. */
  public Optional<ScalarFunction> bySqlName(String sqlName) {
    return Optional.ofNullable(bySqlName.get(sqlName.toUpperCase(Locale.ROOT)));
  }

  /** Every function, in registration order. */
  public Collection<ScalarFunction> functions() {
    return byName.values();
  }

  /** Every SQL name, in registration order. */
  public Collection<String> sqlNames() {
    return bySqlName.keySet();
  }

  /** A function computed row by row on Java values ({@link RowWiseExpression}). */
  static ScalarFunction rowWise(
      String name,
      List<String> sqlNames,
      List<Signature> signatures,
      RowWiseExpression.RowFunction function,
      String description) {
    return rowWise(name, sqlNames, signatures, () -> function, description);
  }

  /**
   * As {@link #rowWise(String, List, List, RowWiseExpression.RowFunction, String)}, with a row
   * function of its own for every bound expression (one that keeps state, e.g. a compiled pattern).
   */
  static ScalarFunction rowWise(
      String name,
      List<String> sqlNames,
      List<Signature> signatures,
      java.util.function.Supplier<RowWiseExpression.RowFunction> function,
      String description) {
    return new ScalarFunction(
        name,
        sqlNames,
        signatures,
        args ->
            new RowWiseExpression(
                name, args, signatureOf(signatures, args).result(), function.get()),
        description);
  }

  /** TRIM(text) of spaces, or TRIM(text, characters) of any of them, at the given ends. */
  private static ScalarFunction trim(String name, String sqlName, StringFunctions.Ends ends) {
    return rowWise(
        name,
        List.of(sqlName),
        List.of(new Signature(List.of(UTF8), UTF8), new Signature(List.of(UTF8, UTF8), UTF8)),
        args ->
            StringFunctions.trim((String) args[0], args.length > 1 ? (String) args[1] : " ", ends),
        "the text without the given characters (spaces by default) at "
            + ends.name().toLowerCase(Locale.ROOT)
            + " end(s)");
  }

  /** The signature whose operands are exactly the arguments' types. */
  static Signature signatureOf(
      List<Signature> signatures, List<io.buzz.kernels.expr.Expression> args) {
    List<ColumnType> types = new java.util.ArrayList<>();
    for (io.buzz.kernels.expr.Expression arg : args) {
      types.add(arg.type());
    }
    return signatures.stream()
        .filter(s -> s.operands().equals(types))
        .findFirst()
        .orElseThrow(
            () ->
                new io.buzz.kernels.KernelException(
                    io.buzz.kernels.KernelException.Kind.UNSUPPORTED,
                    "no form takes " + types + "; forms: " + signatures));
  }

  private static List<Signature> likeSignatures() {
    return List.of(
        new Signature(List.of(ColumnType.UTF8, ColumnType.UTF8), ColumnType.BOOL),
        new Signature(List.of(ColumnType.UTF8, ColumnType.UTF8, ColumnType.UTF8), ColumnType.BOOL));
  }

  private static LikeExpression like(
      List<io.buzz.kernels.expr.Expression> args, boolean caseInsensitive) {
    return new LikeExpression(
        args.get(0), args.get(1), args.size() > 2 ? args.get(2) : null, caseInsensitive);
  }
}
