package dev.rebound.inmemory.contract;

import dev.rebound.contract.TransportContract;
import dev.rebound.inmemory.InMemoryChannels;
import dev.rebound.testing.Deployments;
import java.util.HashMap;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;

/** The transport contract on the in-memory transport, with Narayana and the JPA dead letter on PostgreSQL. */
class InMemoryTransportContractTest extends TransportContract {

    @Override
    protected Weld deployment(Map<String, String> config, Class<?>... classes) {
        Map<String, String> all = new HashMap<>(Map.of("rebound.in-memory.failure-pause-ms", "100",
                "rebound.in-memory.poll-ms", "50", "rebound.in-memory.shutdown-timeout-ms", "2000"));
        all.putAll(config);
        return Deployments.weld(all, classes);
    }

    @Override
    protected Map<String, String> resendSettings(long firstDelayMs, int maxResends) {
        return Map.of("rebound.in-memory.resend-delay-ms", String.valueOf(firstDelayMs),
                "rebound.in-memory.max-resends", String.valueOf(maxResends));
    }

    @Override
    protected long depth(String channel) {
        return InMemoryChannels.depth(channel);
    }

    @Override
    protected void sendUnreadable(String channel, String body) {
        InMemoryChannels.sendRaw(channel, null, body);
    }
}
