package io.buzz.hbee.lambda;

import io.buzz.config.Settings;
import io.buzz.hbee.runtime.HBeeConfig;
import io.buzz.storage.io.S3ClientConfig;
import java.util.List;
import java.util.Map;

/**
 * What an HBee function reads from its environment variables (set by the deployment, or by the
 * Lambda twin), validated once per execution environment. Lambda itself sets {@code AWS_REGION} and
 * the credentials of the function's role ({@code AWS_ACCESS_KEY_ID}, …), which the S3 client's
 * default provider chain picks up.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>{@code AWS_REGION}</td><td>region of the S3 client (required)</td></tr>
 *   <tr><td>{@code BUZZ_S3_ENDPOINT}</td><td>an S3-compatible endpoint instead of AWS S3
 *       (path-style addressing); unset on AWS</td></tr>
 *   <tr><td>{@code BUZZ_S3_MAX_CONNECTIONS}</td><td>S3 connections per environment (64)</td></tr>
 *   <tr><td>{@code BUZZ_HBEE_BATCH_ROWS}</td><td>rows per decoded batch (8192)</td></tr>
 *   <tr><td>{@code BUZZ_HBEE_TASK_MEMORY_MB}</td><td>Arrow memory of one task (60% of the
 *       function's memory, from {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE})</td></tr>
 *   <tr><td>{@code BUZZ_HBEE_PAGE_INDEX}</td><td>skip pages with the Parquet page index (true)</td></tr>
 * </table>
 */
public record HBeeEnvironment(S3ClientConfig s3, HBeeConfig hbee) {
  static final String REGION = "aws.region";
  static final String S3_ENDPOINT = "buzz.s3.endpoint";
  static final String S3_CONNECTIONS = "buzz.s3.max.connections";
  static final String BATCH_ROWS = "buzz.hbee.batch.rows";
  static final String TASK_MEMORY_MB = "buzz.hbee.task.memory.mb";
  static final String FUNCTION_MEMORY_MB = "aws.lambda.function.memory.size";
  static final String PAGE_INDEX = "buzz.hbee.page.index";

  private static final List<String> NAMES =
      List.of(
          REGION,
          S3_ENDPOINT,
          S3_CONNECTIONS,
          BATCH_ROWS,
          TASK_MEMORY_MB,
          FUNCTION_MEMORY_MB,
          PAGE_INDEX);

  /**
   * Reads and validates the settings.
   *
   * @throws io.buzz.error.BuzzException INVALID_CONFIG naming the variable that is missing or wrong
   */
  public static HBeeEnvironment from(Map<String, String> environment) {
    Settings settings = Settings.empty().withEnvironment(environment, NAMES);
    S3ClientConfig s3 =
        S3ClientConfig.aws(settings.required(REGION))
            .withMaxConcurrency(settings.integer(S3_CONNECTIONS, 64, 1, 4096));
    s3 = settings.endpoint(S3_ENDPOINT).map(s3::withEndpoint).orElse(s3);
    int functionMb = settings.integer(FUNCTION_MEMORY_MB, 1769, 128, 10240);
    int taskMb = settings.integer(TASK_MEMORY_MB, Math.max(64, functionMb * 6 / 10), 16, 10240);
    HBeeConfig hbee =
        new HBeeConfig(
            settings.integer(BATCH_ROWS, 8192, 1, 1 << 20),
            taskMb * 1024L * 1024,
            settings.bool(PAGE_INDEX, true),
            HBeeConfig.DEFAULT_FOOTER_CACHE_BYTES);
    return new HBeeEnvironment(s3, hbee);
  }
}
