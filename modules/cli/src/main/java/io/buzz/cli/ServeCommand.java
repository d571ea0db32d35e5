package io.buzz.cli;

import io.buzz.fuse.local.LocalStack;
import io.buzz.fuse.local.LocalStackConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code buzz serve [--port N] [--host H]}: the Fuse's query API with a local HComb and local
 * HBees.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serves the gRPC query API (buzz.query.v1.QueryService) on the local stack.")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "50051",
      description = "port to listen on; default ${DEFAULT-VALUE}")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "interface to listen on; default ${DEFAULT-VALUE}")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    LocalStack stack =
        LocalStack.start(LocalStackConfig.defaults().withHost(host).withQueryPort(port));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "buzz-shutdown"));
    System.err.println(
        "buzz: query API listening on " + host + ":" + stack.port() + " (Ctrl-C to stop)");
    stopped.await();
    return 0;
  }
}
