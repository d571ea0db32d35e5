package io.buzz.local.lambda;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * One execution environment of the Lambda twin: a JVM process running the function through the
 * runtime interface client, the Runtime API server it polls, and the invocation it is running.
 * Confined to the {@link ProcessBackend}'s context.
 */
final class ExecutionEnvironment {
  final int id;
  final long spawnNanos = System.nanoTime();
  HttpServer runtimeApi;
  Process process;

  /** When the runtime first asked for an invocation: its init is over. 0 until then. */
  long readyNanos;

  Invocation current;
  boolean delivered;

  /** A {@code /next} request waiting for an invocation. */
  HttpServerRequest waitingNext;

  long idleTimer = -1;
  boolean dead;

  /** A fault drill asked to kill it before its process existed. */
  boolean killWhenSpawned;

  ExecutionEnvironment(int id) {
    this.id = id;
  }

  String describe() {
    return "execution environment " + id + (process == null ? "" : " (pid " + process.pid() + ")");
  }
}
