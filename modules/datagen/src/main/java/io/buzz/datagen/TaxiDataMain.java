package io.buzz.datagen;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * {@code bin/buzz-datagen --out DIR [--rows N] [--days D] [--first-day YYYY-MM-DD]
 * [--row-group-rows R] [--delta]}: generates the taxi data set unless DIR already holds it; with
 * {@code --delta} as a Delta table with a few commits ({@link TaxiDeltaGenerator}).
 */
public final class TaxiDataMain {
  private TaxiDataMain() {}

  public static void main(String[] args) {
    Path out = null;
    TaxiDataSpec defaults = TaxiDataSpec.SAMPLE;
    long rows = defaults.rows();
    int days = defaults.days();
    LocalDate firstDay = defaults.firstDay();
    int rowGroup = defaults.rowsPerRowGroup();
    boolean delta = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--out" -> out = Path.of(value(args, ++i, arg));
          case "--rows" -> rows = Long.parseLong(value(args, ++i, arg).replace("_", ""));
          case "--days" -> days = Integer.parseInt(value(args, ++i, arg));
          case "--first-day" -> firstDay = LocalDate.parse(value(args, ++i, arg));
          case "--row-group-rows" -> rowGroup = Integer.parseInt(value(args, ++i, arg));
          case "--delta" -> delta = true;
          case "-h", "--help" -> {
            System.out.println(usage());
            return;
          }
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      if (out == null) {
        throw new IllegalArgumentException("--out is required");
      }
      TaxiDataSpec spec = new TaxiDataSpec(rows, days, firstDay, rowGroup);
      long start = System.nanoTime();
      boolean written =
          delta ? TaxiDeltaGenerator.generate(out, spec) : TaxiDataGenerator.generate(out, spec);
      if (written) {
        System.err.printf(
            "generated %s (%s) in %.1f s%n",
            out, spec.describe(), (System.nanoTime() - start) / 1e9);
      } else {
        System.err.printf("reusing %s (%s)%n", out, spec.describe());
      }
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      System.err.println("buzz-datagen: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static String usage() {
    return "usage: buzz-datagen --out DIR [--rows N] [--days D] [--first-day YYYY-MM-DD]"
        + " [--row-group-rows R] [--delta]";
  }
}
