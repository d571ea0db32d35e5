package io.buzz.protocol.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HBeePayloadsTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void roundTripsTasksAndReports() {
    HBeeTask task = HBeeTask.newBuilder().setQueryId("q").setTaskId(7).setAttempt(2).build();
    assertThat(HBeePayloads.parseTask(HBeePayloads.taskPayload(task))).isEqualTo(task);
    TaskReport report = TaskReport.newBuilder().setQueryId("q").setTaskId(7).build();
    assertThat(HBeePayloads.parseReport(HBeePayloads.reportPayload(report))).isEqualTo(report);
    assertThat(new String(HBeePayloads.taskPayload(task), StandardCharsets.UTF_8))
        .startsWith("{\"task\":\"");
  }

  @Test
  void readsAnyJsonObjectOfStringMembers() {
    HBeeTask task = HBeeTask.newBuilder().setQueryId("q").build();
    String encoded = Base64.getEncoder().encodeToString(task.toByteArray());
    String json =
        " {\n \"note\" : \"a \\\"quoted\\\" \\u00e9 value\",\t\"task\":\"" + encoded + "\" } ";
    assertThat(HBeePayloads.parseTask(bytes(json))).isEqualTo(task);
  }

  @Test
  void refusesOtherShapesNamingTheExpectedOne() {
    for (String bad : new String[] {"", "[]", "{\"task\": 1}", "{\"task\":\"x\"", "{} x"}) {
      assertThatThrownBy(() -> HBeePayloads.parseTask(bytes(bad)))
          .as(bad)
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
          .hasMessageContaining("{\"task\": \"<base64>\"}");
    }
    assertThatThrownBy(() -> HBeePayloads.parseTask(bytes("{\"nope\":\"x\"}")))
        .hasMessageContaining("no \"task\" field");
    assertThatThrownBy(() -> HBeePayloads.parseTask(bytes("{\"task\":\"%%%\"}")))
        .hasMessageContaining("not valid base64");
  }
}
