package dev.rebound.scenarios.transports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.cdi.ReboundExtension;
import dev.rebound.spi.ChannelStatus;
import dev.rebound.spi.Outcome;
import dev.rebound.spi.TransportCapability;
import dev.rebound.spi.TransportFactory;
import dev.rebound.spi.TransportHealth;
import dev.rebound.testing.Deployments;
import java.util.List;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * Which transport carries which asynchronous channel: the only one present carries all; with several, each channel
 * names its own, and every ambiguity or impossible wish fails deployment with the channel and the choices.
 */
class TransportSelectionTest {

    private static final TransportCapability[] ALL = TransportCapability.values();

    private static String failure(Map<String, String> config, List<TransportFactory> transports,
                                  Class<?>... classes) {
        return Deployments.messages(Deployments.failureOf(() -> Deployments.weld(config, transports, classes)));
    }

    @Test
    void the_only_transport_carries_every_channel_without_configuration() {
        FakeTransport.Factory only = new FakeTransport.Factory("only", ALL);
        try (WeldContainer container = Deployments.weld(Map.of(), List.of(only), Shop.Orders.class,
                Shop.Auditing.class).initialize()) {
            container.select(CommandBus.class).get().send(new Shop.PlaceOrder("o-1"));

            assertThat(only.transport().channels()).containsExactlyInAnyOrder("audit", "orders");
            assertThat(only.transport().queued("orders")).singleElement()
                    .satisfies(envelope -> assertThat(envelope.message().payload()).isEqualTo(new Shop.PlaceOrder("o-1")));
            // its settings come without their prefix: rebound.only.* and rebound.channel.<name>.*
            assertThat(only.transport().context().settings().property("queue-size")).isEqualTo("rebound.only.queue-size");
            assertThat(only.transport().context().channel("orders").property("queue")).isEqualTo("rebound.channel.orders.queue");
        }
    }

    @Test
    void two_transports_each_carry_the_channels_that_name_them() {
        FakeTransport.Factory fast = new FakeTransport.Factory("fast", ALL);
        FakeTransport.Factory slow = new FakeTransport.Factory("slow", ALL);
        FakeTransport.Factory unused = new FakeTransport.Factory("unused", ALL);
        Map<String, String> config = Map.of("rebound.channel.orders.transport", "fast",
                "rebound.channel.audit.transport", "slow");
        try (WeldContainer container = Deployments.weld(config, List.of(fast, slow, unused), Shop.Orders.class,
                Shop.Auditing.class).initialize()) {
            CommandBus commands = container.select(CommandBus.class).get();
            commands.send(new Shop.PlaceOrder("o-1"));
            commands.send(new Shop.Audit("login"));

            assertThat(fast.transport().channels()).containsExactly("orders");
            assertThat(slow.transport().channels()).containsExactly("audit");
            assertThat(unused.transport()).as("a transport without channels is not made").isNull();
            assertThat(fast.transport().queued("orders")).hasSize(1);
            assertThat(slow.transport().queued("audit")).hasSize(1);

            // each hands its messages to Rebound, which runs their handlers
            assertThat(fast.transport().deliverNext("orders")).isEqualTo(Outcome.DONE);
            assertThat(slow.transport().deliverNext("audit")).isEqualTo(Outcome.DONE);
            assertThat(container.select(Shop.Orders.class).get().placed()).containsExactly(new Shop.PlaceOrder("o-1"));
            assertThat(container.select(Shop.Auditing.class).get().audited()).containsExactly(new Shop.Audit("login"));

            ReboundExtension rebound = container.getBeanManager().getExtension(ReboundExtension.class);
            assertThat(rebound.consumerStatus()).extracting(ChannelStatus::channel).containsExactly("audit", "orders");
            assertThat(rebound.consumerStatus()).extracting(ChannelStatus::state)
                    .containsOnly(ChannelStatus.State.CONSUMING);
            assertThat(rebound.transportHealth()).isEqualTo(TransportHealth.UP);

            slow.transport().health(TransportHealth.down("java.net.ConnectException (REBOUND-3050)"));
            assertThat(rebound.transportHealth()).isEqualTo(
                    TransportHealth.down("java.net.ConnectException (REBOUND-3050) on transport slow"));

            rebound.pauseConsumers();
            assertThat(rebound.consumerStatus()).extracting(ChannelStatus::state)
                    .containsOnly(ChannelStatus.State.PAUSED);
        }
    }

    @Test
    void consumers_pause_and_resume_a_channel_on_its_own_transport_and_refuse_an_unknown_one() {
        FakeTransport.Factory fast = new FakeTransport.Factory("fast", ALL);
        FakeTransport.Factory slow = new FakeTransport.Factory("slow", ALL);
        Map<String, String> config = Map.of("rebound.channel.orders.transport", "fast",
                "rebound.channel.audit.transport", "slow");
        try (WeldContainer container = Deployments.weld(config, List.of(fast, slow), Shop.Orders.class,
                Shop.Auditing.class).initialize()) {
            Consumers consumers = container.select(Consumers.class).get();
            CommandBus commands = container.select(CommandBus.class).get();
            assertThat(consumers.channels()).containsExactly("audit", "orders");

            consumers.pause("audit");
            commands.send(new Shop.Audit("login"));
            commands.send(new Shop.PlaceOrder("o-1"));

            assertThat(consumers.status("audit").state()).isEqualTo(ChannelStatus.State.PAUSED);
            assertThat(consumers.status("orders").state()).isEqualTo(ChannelStatus.State.CONSUMING);
            assertThatThrownBy(() -> slow.transport().deliverNext("audit")).hasMessageContaining("paused");
            assertThat(fast.transport().deliverNext("orders")).isEqualTo(Outcome.DONE);
            assertThat(slow.transport().queued("audit")).hasSize(1);

            consumers.resume("audit");
            assertThat(consumers.status("audit").state()).isEqualTo(ChannelStatus.State.CONSUMING);
            assertThat(slow.transport().deliverNext("audit")).isEqualTo(Outcome.DONE);
            assertThat(container.select(Shop.Auditing.class).get().audited()).containsExactly(new Shop.Audit("login"));

            assertThatThrownBy(() -> consumers.pause("billing")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("REBOUND-2070: Channel 'billing' has no consumers: it is not an asynchronous "
                            + "channel. Asynchronous channels: audit, orders.");
        }
    }

    @Test
    void several_transports_and_a_channel_that_names_none_fail_deployment() {
        assertThat(failure(Map.of("rebound.channel.audit.transport", "slow"),
                List.of(new FakeTransport.Factory("fast", ALL), new FakeTransport.Factory("slow", ALL)),
                Shop.Orders.class, Shop.Auditing.class))
                .contains("REBOUND-2031", "Channel 'orders'", "fast, slow", "rebound.channel.orders.transport")
                .doesNotContain("Channel 'audit'");
    }

    @Test
    void a_channel_that_names_an_unknown_transport_fails_deployment() {
        assertThat(failure(Map.of("rebound.channel.orders.transport", "kafka"),
                List.of(new FakeTransport.Factory("jms", ALL)), Shop.Orders.class))
                .contains("REBOUND-2032", "Channel 'orders'", "'kafka'", "rebound.channel.orders.transport", "jms");
    }

    @Test
    void two_transports_of_one_name_fail_deployment() {
        assertThat(failure(Map.of(), List.of(new FakeTransport.Factory("jms", ALL),
                new FakeTransport.Factory("jms", ALL)), Shop.Orders.class))
                .contains("REBOUND-2033", "'jms'", FakeTransport.Factory.class.getName());
    }

    @Test
    void a_delayed_retry_on_a_transport_that_cannot_deliver_later_fails_deployment() {
        List<TransportFactory> immediate = List.of(new FakeTransport.Factory("immediate",
                TransportCapability.JOINS_TRANSACTION));

        assertThat(failure(Map.of(), immediate, Shop.RetryingOrders.class))
                .contains("REBOUND-2034", Shop.RetryingOrders.class.getName() + "#place", "channel 'orders'",
                        "'immediate'", "DELAYED_DELIVERY", "rebound.channel.orders.transport");
        assertThat(failure(Map.of(), immediate, Shop.Auditing.class, Shop.AuditRetries.class))
                .contains("REBOUND-2034", "ErrorHandlerConfiguration audit", "channel 'audit'", "'immediate'");
        assertThat(failure(Map.of(), immediate, Shop.Shipping.class, Shop.RetryingApi.class))
                .contains("REBOUND-2034", "@DelayedRetry on " + Shop.RetryingApi.class.getName() + "#book",
                        "channel 'shipments'", "'immediate'");
    }

    @Test
    void a_delayed_retry_is_fine_on_the_transport_that_can_deliver_later() {
        Map<String, String> config = Map.of("rebound.channel.orders.transport", "later",
                "rebound.channel.audit.transport", "immediate");
        List<TransportFactory> transports = List.of(new FakeTransport.Factory("later", ALL),
                new FakeTransport.Factory("immediate", TransportCapability.JOINS_TRANSACTION));
        try (WeldContainer container = Deployments.weld(config, transports, Shop.RetryingOrders.class,
                Shop.Auditing.class).initialize()) {
            assertThat(container.getBeanManager().getExtension(ReboundExtension.class).asynchronousChannels())
                    .containsExactlyInAnyOrder("orders", "audit");
        }
    }
}
