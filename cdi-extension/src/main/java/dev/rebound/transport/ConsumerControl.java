package dev.rebound.transport;

import dev.rebound.Consumers;
import dev.rebound.spi.Backlog;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.Inbound;
import dev.rebound.spi.TransportHealth;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link Consumers} bean: the application's transports, each channel to its own. Resuming needs the entry
 * point of received messages, which exists once the deployment is valid; before (or when it is not), resuming does
 * nothing, as starting the consumers does then.
 */
public final class ConsumerControl implements Consumers {

    private final Transports transports;
    private final Supplier<Inbound> inbound;

    public ConsumerControl(Transports transports, Supplier<Inbound> inbound) {
        this.transports = transports;
        this.inbound = inbound;
    }

    @Override
    public Set<String> channels() {
        return transports.names();
    }

    @Override
    public List<ChannelStatus> status() {
        return transports.status();
    }

    @Override
    public ChannelStatus status(String channel) {
        return transports.status(channel);
    }

    @Override
    public void pause(String channel) {
        transports.pause(channel);
    }

    @Override
    public void resume(String channel) {
        Inbound entry = inbound.get();
        if (entry == null) {
            transports.status(channel); // still refuses an unknown channel
            return;
        }
        transports.resume(channel, entry);
    }

    @Override
    public void pauseAll() {
        transports.stop();
    }

    @Override
    public void resumeAll() {
        Inbound entry = inbound.get();
        if (entry != null) {
            transports.start(entry);
        }
    }

    @Override
    public TransportHealth health() {
        return transports.health();
    }

    @Override
    public List<Backlog> backlog() {
        return transports.backlog();
    }

    @Override
    public String toString() {
        return "Consumers" + channels();
    }
}
