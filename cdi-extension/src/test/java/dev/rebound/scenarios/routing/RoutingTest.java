package dev.rebound.scenarios.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebound.CommandBus;
import dev.rebound.EventBus;
import dev.rebound.Message;
import dev.rebound.NoHandlerException;
import dev.rebound.QueryBus;
import dev.rebound.testsupport.ReboundTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@ReboundTest(beans = {UserApi.class, UserHandlers.class})
class RoutingTest {

    @Inject
    CommandBus commands;
    @Inject
    QueryBus queries;
    @Inject
    EventBus events;
    @Inject
    UserApi api;
    @Inject
    UserHandlers handlers;

    @Test
    void command_is_routed_by_its_type_and_returns_the_handler_result() {
        assertThat((String) commands.send(new Messages.RegisterUser("ann"))).isEqualTo("registered ann");
    }

    @Test
    void event_reaches_every_handler_of_its_type_and_of_its_super_types() {
        events.publish(new Messages.UserRegistered("bob"));
        assertThat(handlers.log()).containsExactlyInAnyOrder("registered bob", "user event bob");
    }

    @Test
    void message_sent_from_a_handler_carries_the_correlation_id_and_names_its_cause() {
        commands.send(new Messages.RegisterUser("cid"), Map.of("tenant", "acme"));

        Message command = handlers.messages().get(0);
        Message event = handlers.messages().get(1);
        assertThat(command.headers().metadata()).containsEntry("tenant", "acme");
        assertThat(command.headers().causationId()).isNull();
        assertThat(event.headers().correlationId()).isEqualTo(command.headers().correlationId());
        assertThat(event.headers().causationId()).isEqualTo(command.headers().messageId());
        assertThat(event.headers().messageId()).isNotEqualTo(command.headers().messageId());
    }

    @Test
    void routing_key_selects_the_handler_and_headers_reach_its_parameters() {
        assertThat((String) commands.sendWithRouting("user.rename", new Messages.Rename("x"),
                Map.of("actor", "admin"))).isEqualTo("renamed x");
        assertThat(handlers.log()).containsExactly("rename x by admin key user.rename");
    }

    @Test
    void business_method_of_a_message_gateway_sends_to_its_routing_key() {
        assertThat(api.rename(new Messages.Rename("y"), "ops")).isEqualTo("renamed y");
        assertThat(api.lookup("zed")).isEqualTo("looked up zed");
        assertThat(api.renameToUpper("low")).isEqualTo("renamed LOW");
        assertThat(handlers.log()).containsExactly("rename y by ops key user.rename",
                "rename LOW by system key user.rename");
    }

    @Test
    void query_is_answered_by_its_handler() {
        assertThat((String) queries.send(new Messages.FindUser("amy"))).isEqualTo("user amy");
        assertThat((String) queries.sendWithRouting("user.lookup", "kim")).isEqualTo("looked up kim");
    }

    @Test
    void sending_null_fails_with_a_clear_message() {
        assertThatThrownBy(() -> commands.send(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("REBOUND-1001").hasMessageContaining("null command");
    }

    @Test
    void command_without_handler_fails_naming_its_type() {
        assertThatThrownBy(() -> commands.send(new Messages.Unhandled("v")))
                .isInstanceOf(NoHandlerException.class)
                .hasMessageContaining("REBOUND-1002")
                .hasMessageContaining(Messages.Unhandled.class.getName());
        assertThatThrownBy(() -> queries.sendWithRouting("no.such.key", "v"))
                .isInstanceOf(NoHandlerException.class).hasMessageContaining("routing key 'no.such.key'");
    }

    @Test
    void event_without_handler_is_not_an_error() {
        events.publish(new Messages.Unhandled("v"));
        assertThat(handlers.log()).isEmpty();
    }
}
