package io.buzz.local;

/**
 * Where the local stack serves Prometheus metrics ({@code GET /metrics}): one endpoint per
 * component, as in production where the Fuse and the HComb are separate processes.
 *
 * @param fuse port of the Fuse's endpoint; 0 picks a free one, -1 serves none
 * @param hcomb port of the HComb's endpoint; 0 picks a free one, -1 serves none
 */
public record MetricsPorts(int fuse, int hcomb) {
  /** No endpoint: the meters are still kept (and readable in-process), just not served. */
  public static final MetricsPorts NONE = new MetricsPorts(-1, -1);

  /** Both endpoints on free ports, for tests. */
  public static final MetricsPorts EPHEMERAL = new MetricsPorts(0, 0);

  public MetricsPorts {
    check("fuse", fuse);
    check("hcomb", hcomb);
  }

  private static void check(String component, int port) {
    if (port < -1 || port > 65_535) {
      throw new IllegalArgumentException(
          component + " metrics port must be -1 (none), 0 (any) or 1..65535, got " + port);
    }
  }
}
