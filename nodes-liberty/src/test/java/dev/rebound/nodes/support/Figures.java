package dev.rebound.nodes.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;

/**
 * One line per scenario, printed and appended to {@code target/rebound-nodes-liberty.txt}, e.g.
 * {@code REBOUND NODES liberty kill-b: 40 messages (A 31, B 9, 0 dead letters), 1 kills, 0 lost, 0 duplicated,
 * 0 stuck, 0 on the exception destination, 0 in doubt, 38 s}; the scenario then asserts the last five are 0.
 */
public final class Figures {

    private Figures() {
    }

    public static void report(String scenario, Collection<String> sent, Ledger ledger, int kills, long inDoubt,
                              long startedAtMs) {
        long lost = ledger.lost(sent);
        long duplicated = ledger.duplicated(sent);
        long stuck = ledger.stuck(sent);
        long exception = ledger.onExceptionDestination(sent);
        String line = String.format("REBOUND NODES liberty %s: %d messages (A %d, B %d, %d dead letters), %d kills, "
                        + "%d lost, %d duplicated, %d stuck, %d on the exception destination, %d in doubt, %d s",
                scenario, sent.size(), ledger.handledOnA(sent), ledger.handledOnB(sent), ledger.deadLettered(sent),
                kills, lost, duplicated, stuck, exception, inDoubt,
                (System.currentTimeMillis() - startedAtMs + 500) / 1000);
        System.out.println(line);
        String figure = System.getProperty("nodes.figure");
        if (figure != null) {
            try {
                Files.writeString(Path.of(figure), line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(new long[] {lost, duplicated, stuck, exception, inDoubt})
                .as("lost, duplicated, stuck, on the exception destination, in doubt\n" + ledger)
                .containsOnly(0L);
    }
}
