package dev.rebound.scenarios.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.Node;
import dev.rebound.nodes.ChannelLines;
import dev.rebound.spi.ChannelStatus;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The compact text of a node's consumers in {@code rebound_node.channels}: read back as written, and bounded. */
class ChannelLinesTest {

    @Test
    void channels_are_read_back_as_written_with_odd_names_and_failures() {
        List<ChannelStatus> statuses = List.of(
                new ChannelStatus("orders", ChannelStatus.State.CONSUMING, 4, 4, 0, 0, null, null, null),
                new ChannelStatus("pay ments/éu\nx", ChannelStatus.State.RECONNECTING, 2, 2, 2, 0, null,
                        new ChannelStatus.Failure("jakarta.jms.JMSException", "REBOUND-3007"), null),
                new ChannelStatus("stock", ChannelStatus.State.STOPPED, 1, 0, 0, 0, null, null, "message m-1"));

        String text = ChannelLines.write(statuses);

        assertThat(text).isEqualTo("orders CONSUMING 4 4 -\n"
                + "pay+ments%2F%C3%A9u%0Ax RECONNECTING 2 2 jakarta.jms.JMSException+%28REBOUND-3007%29\n"
                + "stock STOPPED 1 0 -\n");
        assertThat(ChannelLines.read(text)).containsExactly(
                new Node.Channel("orders", ChannelStatus.State.CONSUMING, 4, 4, null),
                new Node.Channel("pay ments/éu\nx", ChannelStatus.State.RECONNECTING, 2, 2,
                        "jakarta.jms.JMSException (REBOUND-3007)"),
                new Node.Channel("stock", ChannelStatus.State.STOPPED, 1, 0, null));
        assertThat(ChannelLines.leftOut(text)).isZero();
    }

    @Test
    void channels_that_do_not_fit_the_column_are_counted_not_written() {
        List<ChannelStatus> many = IntStream.range(0, 500).mapToObj(i -> new ChannelStatus(
                "channel-with-a-long-name-" + i, ChannelStatus.State.CONSUMING, 2, 2, 0, 0, null, null, null)).toList();

        String text = ChannelLines.write(many);

        assertThat(text.length()).isLessThanOrEqualTo(ChannelLines.MAX);
        List<Node.Channel> read = ChannelLines.read(text);
        assertThat(read.size() + ChannelLines.leftOut(text)).isEqualTo(500);
        assertThat(read).hasSizeGreaterThan(50);
        assertThat(read.get(0).channel()).isEqualTo("channel-with-a-long-name-0");
    }

    @Test
    void lines_of_another_version_are_skipped() {
        assertThat(ChannelLines.read("orders CONSUMING 2 2 - extra\nqueue SLEEPING 1 1 -\nbroken\n"))
                .containsExactly(new Node.Channel("orders", ChannelStatus.State.CONSUMING, 2, 2, null));
        assertThat(ChannelLines.read(null)).isEmpty();
    }
}
