package dev.rebound.spi;

import java.time.Instant;

/**
 * What the consumers of one asynchronous channel are doing now, as its transport sees them. It carries no
 * exception text: a failure's message often holds payload data, and the readiness check publishes this,
 * usually without login. A failure is its exception type and the REBOUND code of the log line that has the
 * rest (text and stack trace).
 *
 * @param channel the channel
 * @param state what its consumers do
 * @param configured how many consumers the channel runs when consuming (0 before it ever started)
 * @param live consumer threads alive now; after a pause, those whose handler outlived the shutdown timeout
 * @param reconnecting of the live ones, those that failed and wait to reconnect (or to restart after an Error)
 * @param restarts how often one of its consumers restarted after an {@link Error} since the channel started
 * @param since when the state began; {@code null} while consuming
 * @param failure what made it so (stopped, reconnecting, died); {@code null} otherwise
 * @param reason for {@link State#STOPPED}: which message failed with which exception type; {@code null} otherwise
 */
public record ChannelStatus(String channel, State state, int configured, int live, int reconnecting, int restarts,
                            Instant since, Failure failure, String reason) {

    /** The state of a channel, from the most to the least severe when several apply. */
    public enum State {
        /** Never started (the application is starting, or starting failed). */
        NOT_STARTED,
        /** Stopped by the final failure strategy {@code STOP}; the failed message waits on the queue. */
        STOPPED,
        /** Stopped by the application ({@link dev.rebound.Consumers#pause}, or shutting down). */
        PAUSED,
        /** A consumer thread died (a {@link VirtualMachineError}): the channel runs fewer consumers. */
        DEAD,
        /** A consumer failed and tries again every failure pause. */
        RECONNECTING,
        /** Every consumer receives. */
        CONSUMING
    }

    /**
     * A failure as published: its exception's class and the REBOUND code of the log line where its text is.
     *
     * @param type the exception's class name
     * @param code the code to look for in the log, e.g. {@code REBOUND-3007}
     */
    public record Failure(String type, String code) {

        public static Failure of(Throwable failure, String code) {
            return new Failure(failure.getClass().getName(), code);
        }

        @Override
        public String toString() {
            return type + " (" + code + ")";
        }
    }
}
