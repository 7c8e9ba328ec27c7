package dev.rebound.jms.scenarios.dedup;

import static org.awaitility.Awaitility.await;

import dev.rebound.testsupport.LogRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Copies of one message sent at once from 8 threads, then handled: every copy but one acknowledged as a duplicate. */
final class Copies {

    private Copies() {
    }

    /** Sends {@code copies} times at once and waits until {@code copies - 1} duplicates are logged (REBOUND-1070). */
    static void sendAtOnceAndAwaitDuplicates(int copies, Runnable send) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try (LogRecords log = LogRecords.capture()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                sends.add(senders.submit(() -> {
                    start.await();
                    send.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> sent : sends) {
                sent.get(60, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> log.messages("REBOUND-1070").size() == copies - 1);
        } finally {
            senders.shutdownNow();
        }
    }
}
