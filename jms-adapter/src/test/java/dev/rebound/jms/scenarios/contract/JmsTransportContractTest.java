package dev.rebound.jms.scenarios.contract;

import dev.rebound.contract.TransportContract;
import dev.rebound.jms.testing.AsyncDeployments;
import dev.rebound.jms.testing.Broker;
import java.util.Map;
import org.jboss.weld.environment.se.Weld;

/** The transport contract on JMS: embedded Artemis, in both consumer transaction modes of the build. */
class JmsTransportContractTest extends TransportContract {

    @Override
    protected Weld deployment(Map<String, String> config, Class<?>... classes) {
        return AsyncDeployments.weld(config, classes);
    }

    @Override
    protected Map<String, String> resendSettings(long firstDelayMs, int maxResends) {
        return Map.of("rebound.jms.resend-delay-ms", String.valueOf(firstDelayMs),
                "rebound.jms.max-resends", String.valueOf(maxResends));
    }

    @Override
    protected long depth(String channel) {
        return Broker.depth(channel);
    }

    @Override
    protected void sendUnreadable(String channel, String body) {
        Broker.sendRaw(channel, body, Map.of());
    }

    @Override
    protected void purge(String channel) {
        Broker.purge(channel);
    }
}
