package io.buzz.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The run's chart as a self-contained SVG: latency percentiles against concurrent clients (log
 * scale, throughput under each level) on the left; Buzz/DuckDB ratio of medians per query (log
 * scale around 1×, with the geometric mean) on the right.
 */
final class SvgChart {
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 470;
  private static final int TOP = 70;
  private static final int BOTTOM = 390;
  private static final String[] SERIES_COLORS = {"#1f77b4", "#ff7f0e", "#d62728"};

  private final StringBuilder svg = new StringBuilder();

  private SvgChart() {}

  static String render(BenchResults r) {
    SvgChart chart = new SvgChart();
    chart.draw(r);
    return chart.svg.toString();
  }

  private void draw(BenchResults r) {
    svg.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + HEIGHT)
        .append("\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" font-family=\"sans-serif\">\n")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    text(
        WIDTH / 2.0,
        24,
        String.format(
            Locale.ROOT,
            "Buzz bench%s: %,d rows, %d files, %.0f MB, %d cores — %s",
            r.config().quick() ? " (quick)" : "",
            r.data().rows(),
            r.data().files(),
            r.data().bytes() / 1e6,
            r.machine().cores(),
            r.startedAt().toString().substring(0, 19)),
        16,
        "middle",
        "bold");
    r.fanOut()
        .flatMap(FanOutBench.FanOutReport::median)
        .ifPresent(
            m ->
                text(
                    WIDTH / 2.0,
                    44,
                    String.format(
                        Locale.ROOT,
                        "fan-out: %,d no-op HBee tasks, %.0f invocations/s of Fuse overhead",
                        r.fanOut().get().tasks(),
                        m.invocationsPerSecond()),
                    12,
                    "middle",
                    "normal"));
    latencyPanel(r.load(), 80, 560);
    ratioPanel(r.latency(), r.geometricMeanRatio(), 750, 1150);
    svg.append("</svg>\n");
  }

  private void latencyPanel(List<LoadSweep.LoadLevel> levels, double left, double right) {
    text((left + right) / 2, TOP - 12, "Latency vs concurrent clients", 14, "middle", "bold");
    axes(left, right);
    if (levels.isEmpty()) {
      text((left + right) / 2, (TOP + BOTTOM) / 2.0, "load not run", 13, "middle", "normal");
      return;
    }
    double maxMs = 1;
    int minClients = Integer.MAX_VALUE;
    int maxClients = 1;
    for (LoadSweep.LoadLevel level : levels) {
      maxMs = Math.max(maxMs, level.latencies().p99());
      minClients = Math.min(minClients, level.clients());
      maxClients = Math.max(maxClients, level.clients());
    }
    double top = niceCeiling(maxMs);
    for (int i = 0; i <= 5; i++) {
      double value = top * i / 5;
      double y = y(value, top);
      line(left, y, right, y, "#e0e0e0", 1, false);
      text(left - 6, y + 4, format(value), 11, "end", "normal");
    }
    text(left - 55, (TOP + BOTTOM) / 2.0, "ms", 12, "middle", "normal");
    double lo = Math.log(minClients);
    double hi = Math.log(maxClients);
    List<double[]> xs = new ArrayList<>();
    for (LoadSweep.LoadLevel level : levels) {
      double x =
          hi == lo
              ? (left + right) / 2
              : left + 30 + (Math.log(level.clients()) - lo) / (hi - lo) * (right - left - 60);
      xs.add(new double[] {x});
      text(x, BOTTOM + 16, Integer.toString(level.clients()), 11, "middle", "normal");
      text(
          x,
          BOTTOM + 30,
          String.format(Locale.ROOT, "%.1f q/s", level.throughput()),
          10,
          "middle",
          "normal");
      if (level.failed() > 0) {
        text(x, BOTTOM + 43, level.failed() + " errors", 10, "middle", "normal");
      }
    }
    text(
        (left + right) / 2,
        BOTTOM + 60,
        "concurrent clients (throughput below)",
        12,
        "middle",
        "normal");
    String[] names = {"p50", "p95", "p99"};
    // p99 first, so equal percentiles (few samples) still show the lower ones on top.
    for (int s = 2; s >= 0; s--) {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < levels.size(); i++) {
        Latencies l = levels.get(i).latencies();
        double value = s == 0 ? l.median() : s == 1 ? l.p95() : l.p99();
        double x = xs.get(i)[0];
        double y = y(value, top);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                x,
                y,
                SERIES_COLORS[s]));
      }
      svg.append(
          String.format(
              "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
              points.toString().strip(), SERIES_COLORS[s]));
      double lx = left + 10 + s * 60;
      line(lx, TOP + 10, lx + 18, TOP + 10, SERIES_COLORS[s], 2, false);
      text(lx + 22, TOP + 14, names[s], 11, "start", "normal");
    }
  }

  private void ratioPanel(
      List<QueryReport> queries, Optional<Double> geometricMean, double left, double right) {
    text(
        (left + right) / 2,
        TOP - 12,
        "Buzz / DuckDB median latency (log scale; < 1: Buzz faster)",
        14,
        "middle",
        "bold");
    axes(left, right);
    List<QueryReport> withRatio = new ArrayList<>();
    double lo = 0.5;
    double hi = 2;
    for (QueryReport q : queries) {
      if (q.ratio().isPresent()) {
        withRatio.add(q);
        lo = Math.min(lo, q.ratio().get() / 1.3);
        hi = Math.max(hi, q.ratio().get() * 1.3);
      }
    }
    if (withRatio.isEmpty()) {
      text((left + right) / 2, (TOP + BOTTOM) / 2.0, "DuckDB not run", 13, "middle", "normal");
      return;
    }
    double logLo = Math.floor(Math.log(lo) / Math.log(2));
    double logHi = Math.ceil(Math.log(hi) / Math.log(2));
    for (double e = logLo; e <= logHi; e++) {
      double x = ratioX(Math.pow(2, e), logLo, logHi, left, right);
      line(x, TOP, x, BOTTOM, e == 0 ? "#000000" : "#e0e0e0", e == 0 ? 1.5 : 1, false);
      text(x, BOTTOM + 16, format(Math.pow(2, e)) + "×", 11, "middle", "normal");
    }
    double band = (BOTTOM - TOP) / (double) withRatio.size();
    double one = ratioX(1, logLo, logHi, left, right);
    for (int i = 0; i < withRatio.size(); i++) {
      QueryReport q = withRatio.get(i);
      double ratio = q.ratio().get();
      double x = ratioX(ratio, logLo, logHi, left, right);
      double y = TOP + i * band + band * 0.2;
      double h = band * 0.6;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
              Math.min(x, one),
              y,
              Math.max(1, Math.abs(x - one)),
              h,
              ratio <= 1 ? "#2ca02c" : "#d62728"));
      text(left - 6, y + h / 2 + 4, q.query().name(), 11, "end", "normal");
      text(
          ratio <= 1 ? Math.min(x, one) - 4 : Math.max(x, one) + 4,
          y + h / 2 + 4,
          String.format(Locale.ROOT, "%.2f×", ratio),
          11,
          ratio <= 1 ? "end" : "start",
          "normal");
    }
    geometricMean.ifPresent(
        g -> {
          double x = ratioX(g, logLo, logHi, left, right);
          line(x, TOP, x, BOTTOM, "#9467bd", 2, true);
          text(
              x,
              BOTTOM + 32,
              String.format(Locale.ROOT, "geometric mean %.2f×", g),
              12,
              "middle",
              "bold");
        });
  }

  private static double ratioX(
      double ratio, double logLo, double logHi, double left, double right) {
    double log = Math.log(ratio) / Math.log(2);
    return left + (log - logLo) / (logHi - logLo) * (right - left);
  }

  private static double y(double value, double top) {
    return BOTTOM - value / top * (BOTTOM - TOP);
  }

  private void axes(double left, double right) {
    line(left, TOP, left, BOTTOM, "#000000", 1, false);
    line(left, BOTTOM, right, BOTTOM, "#000000", 1, false);
  }

  private void line(
      double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                + " stroke-width=\"%.1f\"%s/>%n",
            x1,
            y1,
            x2,
            y2,
            color,
            width,
            dashed ? " stroke-dasharray=\"6,4\"" : ""));
  }

  private void text(double x, double y, String value, int size, String anchor, String weight) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" font-weight=\"%s\">"
                + "%s</text>%n",
            x,
            y,
            size,
            anchor,
            weight,
            escape(value)));
  }

  /** The smallest of 1, 2, 5 × 10^k at or above {@code value}. */
  static double niceCeiling(double value) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String format(double value) {
    if (value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return value >= 0.1
        ? String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "")
        : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String escape(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
