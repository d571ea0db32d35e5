package io.buzz.protocol.task;

/** How messages name an HBee task's files. */
public final class TaskFiles {
  private TaskFiles() {}

  /**
   * The task's file, or its first file and how many follow: {@code s3://b/k.parquet} or {@code
   * s3://b/k.parquet and 7 more files}.
   */
  public static String describe(HBeeTask task) {
    int count = task.getFilesCount();
    if (count == 0) {
      return "no file";
    }
    String first = task.getFiles(0).getUri();
    return count == 1
        ? first
        : first + " and " + (count - 1) + " more file" + (count > 2 ? "s" : "");
  }
}
