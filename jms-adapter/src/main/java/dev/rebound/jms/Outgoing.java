package dev.rebound.jms;

import dev.rebound.spi.Envelope;

/**
 * A message written for the wire and waiting to be sent: to its channel's queue, or to the channel's fallback when
 * the broker does not take it (the envelope, for that channel's own format).
 */
record Outgoing(JmsChannel channel, WireFormat.Encoded encoded, long delayMs, Envelope envelope) {
}
