package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatalogUrisTest {
  private static final Path CWD = Path.of("/home/user/buzz");

  @Test
  void relativeFileUrisResolveAgainstTheWorkingDirectory() {
    assertThat(CatalogUris.absolutize("file:data/sample/nyc-taxi", CWD))
        .isEqualTo("file:///home/user/buzz/data/sample/nyc-taxi");
    assertThat(CatalogUris.absolutize("file:./data/../data/t.parquet", CWD))
        .isEqualTo("file:///home/user/buzz/data/t.parquet");
    assertThat(CatalogUris.absolutize("FILE:my%20data/t", CWD))
        .isEqualTo("file:///home/user/buzz/my%20data/t");
  }

  @Test
  void otherUrisAreLeftAsWritten() {
    for (String uri :
        new String[] {
          "file:///data/t", "file:/data/t", "file://host/t", "s3://bucket/t", "file:", "x", ""
        }) {
      assertThat(CatalogUris.absolutize(uri, CWD)).as(uri).isEqualTo(uri);
    }
    assertThat(CatalogUris.absolutize((String) null, CWD)).isNull();
  }
}
