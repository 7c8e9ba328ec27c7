package dev.rebound.nodes;

import dev.rebound.Node;
import dev.rebound.spi.ChannelStatus;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's consumers per channel as the compact text of {@code rebound_node.channels}: one line per channel,
 * {@code <channel> <state> <consumers> <live> <failure>}, channel and failure URL-encoded ({@code -} for no failure),
 * at most {@value #MAX} characters (the column's size): channels that do not fit are left out and the last line says
 * how many, {@code + <n>}. Read back leniently: a line it does not understand is skipped (a later Rebound may add
 * fields at the end).
 */
public final class ChannelLines {

    /** The size of the column. */
    public static final int MAX = 4000;

    private ChannelLines() {
    }

    /** The channels' statuses as the column's text. */
    public static String write(List<ChannelStatus> statuses) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < statuses.size(); i++) {
            ChannelStatus s = statuses.get(i);
            String line = encode(s.channel()) + " " + s.state() + " " + s.configured() + " " + s.live() + " "
                    + (s.failure() == null ? "-" : encode(s.failure().toString())) + "\n";
            String more = "+ " + (statuses.size() - i) + "\n";
            boolean last = i == statuses.size() - 1;
            if (text.length() + line.length() + (last ? 0 : more.length()) > MAX) {
                return text.append(more).toString();
            }
            text.append(line);
        }
        return text.toString();
    }

    /** The channels of the column's text, in the order written (the count of those left out is dropped). */
    public static List<Node.Channel> read(String text) {
        List<Node.Channel> channels = new ArrayList<>();
        if (text == null) {
            return channels;
        }
        for (String line : text.split("\n")) {
            String[] fields = line.split(" ");
            if (fields.length < 5) {
                continue;
            }
            try {
                channels.add(new Node.Channel(decode(fields[0]), ChannelStatus.State.valueOf(fields[1]),
                        Integer.parseInt(fields[2]), Integer.parseInt(fields[3]),
                        fields[4].equals("-") ? null : decode(fields[4])));
            } catch (IllegalArgumentException unknown) {
                // a state or number of another version of Rebound: skipped
            }
        }
        return channels;
    }

    /** The channels left out of the text for want of room (its last line {@code + <n>}), 0 if none. */
    public static int leftOut(String text) {
        if (text == null) {
            return 0;
        }
        String[] lines = text.split("\n");
        String last = lines[lines.length - 1];
        try {
            return last.startsWith("+ ") ? Integer.parseInt(last.substring(2).strip()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
