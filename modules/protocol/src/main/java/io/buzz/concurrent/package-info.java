/**
 * {@link io.buzz.concurrent.SerialExecutor}: runs one owner's tasks one at a time, in order, on a
 * shared pool. An HComb query and an HBee task each own one, so their Arrow state is touched by one
 * thread at a time without locks, while different owners use the pool's threads in parallel and
 * event loops stay free of CPU work.
 */
package io.buzz.concurrent;
