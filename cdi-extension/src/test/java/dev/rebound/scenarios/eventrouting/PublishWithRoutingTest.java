package dev.rebound.scenarios.eventrouting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.EventBus;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** As in Ecotone: publishing with a routing key reaches the key's subscribers only, publishing by type the type's. */
@ReboundTest(beans = {Shop.Subscribers.class})
class PublishWithRoutingTest {

    @Inject
    EventBus events;
    @Inject
    Shop.Subscribers subscribers;

    @Test
    void routing_key_reaches_only_the_handlers_of_that_key() {
        events.publishWithRouting("order.placed", new Shop.OrderPlaced("o-1"));
        assertThat(subscribers.calls()).containsExactly("key o-1");
    }

    @Test
    void publishing_by_type_reaches_only_the_handlers_without_a_routing_key() {
        events.publish(new Shop.OrderPlaced("o-2"));
        assertThat(subscribers.calls()).containsExactly("type o-2");
    }

    @Test
    void a_routing_key_nobody_subscribed_to_reaches_nobody() {
        events.publishWithRouting("order.cancelled", new Shop.OrderPlaced("o-3"), Map.of("by", "test"));
        assertThat(subscribers.calls()).isEmpty();
    }
}
