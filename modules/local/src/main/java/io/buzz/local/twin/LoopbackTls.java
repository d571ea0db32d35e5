package io.buzz.local.twin;

import static java.util.Objects.requireNonNull;

import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, so that a twin serves
 * HTTPS as AWS's endpoints do. A client JVM trusts it through the JDK's standard trust-store
 * properties ({@link #trustingJvmOptions}) — as a deployment trusts a private CA — so the client
 * code is the one that runs on AWS, unchanged. Made with the JDK's {@code keytool}: an RSA 2048
 * key, as AWS's certificates have, in a PKCS#12 store that is the server's key store and the
 * client's trust store at once.
 *
 * @param keyStore the PKCS#12 file
 * @param password its password (test material: it guards nothing)
 */
public record LoopbackTls(Path keyStore, String password) {
  private static final String PASSWORD = "buzz-twin";

  public LoopbackTls {
    requireNonNull(keyStore, "keyStore is null");
    requireNonNull(password, "password is null");
  }

  /** Makes the certificate's store in {@code directory}. */
  public static LoopbackTls create(Path directory) throws IOException {
    Path store = directory.resolve("loopback-tls.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Path log = directory.resolve("keytool.log");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-noprompt",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-alias",
                "twin",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "30",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new IOException(keytool + " did not make " + store + " within 60 s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly(); // not waited for: this thread is being interrupted
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + keytool + " made " + store, e);
    }
    if (process.exitValue() != 0 || !Files.isRegularFile(store)) {
      throw new IOException(
          keytool
              + " could not make "
              + store
              + " (exit "
              + process.exitValue()
              + "): "
              + Files.readString(log, StandardCharsets.UTF_8).strip());
    }
    return new LoopbackTls(store, PASSWORD);
  }

  /** The server's key and certificate. */
  public PfxOptions keyCertOptions() {
    return new PfxOptions().setPath(keyStore.toString()).setPassword(password);
  }

  /** The JVM options with which a client process trusts this certificate, and only it. */
  public List<String> trustingJvmOptions() {
    return List.of(
        "-Djavax.net.ssl.trustStore=" + keyStore,
        "-Djavax.net.ssl.trustStorePassword=" + password,
        "-Djavax.net.ssl.trustStoreType=PKCS12");
  }
}
