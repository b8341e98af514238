package io.flashsale.channels.push;

import java.util.concurrent.Executor;

/**
 * The thread a {@link ChannelPusher} lives on: its clock, its timers and a way back onto it from
 * the HTTP client's threads. In a job it is the task's mailbox, so the pusher needs no locks.
 */
public interface PushTimers {

  long nowMillis();

  /** Runs {@code action} on the pusher's thread at {@code timeMillis} or soon after. */
  void at(long timeMillis, Runnable action);

  /** Runs actions on the pusher's thread; safe to call from any thread. */
  Executor thread();
}
