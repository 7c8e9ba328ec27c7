package dev.rebound.faults.harness;

import static org.awaitility.Awaitility.await;

import dev.rebound.faults.app.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One scenario's processes (PostgreSQL shared by the run, a fresh broker and application), the messages it sent
 * and the kills it made; {@link #settle()} heals, drains and returns the ledger. Closing kills what it started.
 */
public final class FaultRun implements AutoCloseable {

    /** Queue of the application's asynchronous channel; also where its delayed retries go. */
    public static final String WORK = "work";
    /** Messages per scenario: 30 in the default build, more with -Pfaults-long. */
    public static final int MESSAGES = Integer.getInteger("faults.messages", 30);
    public static final int ROUNDS = Integer.getInteger("faults.rounds", 1);
    public static final boolean RANDOM = Boolean.getBoolean("faults.random");
    /** The long variants of a scenario ({@code -Pfaults-long}, or {@code -Dfaults.long=true}). */
    public static final boolean LONG = Boolean.getBoolean("faults.long");

    private final String name;
    private final Path dir;
    private final BrokerProcess broker;
    private final AppProcess app;
    private final List<String> keys = Collections.synchronizedList(new ArrayList<>());
    private int kills;

    private FaultRun(String name, Path dir, String plan, long workMs) {
        this.name = name;
        this.dir = dir;
        this.broker = new BrokerProcess(dir, WORK);
        this.app = new AppProcess(dir, plan, workMs);
    }

    /** Starts the processes of a scenario; {@code plan} as {@code POINT=key,...} (see FaultPlan). */
    public static FaultRun start(String name, String plan, long workMs) {
        Path dir = Path.of("target", "faults", name).toAbsolutePath();
        try {
            Database.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("FAULTS " + name + ": logs in " + dir + " and " + Database.log());
        Database.ensureStarted();
        Database.clean();
        FaultRun run = new FaultRun(name, dir, plan, workMs);
        try {
            run.broker.start();
            run.app.start();
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    public BrokerProcess broker() {
        return broker;
    }

    public AppProcess app() {
        return app;
    }

    /**
     * {@code count} jobs named {@code prefix-<i>}: one in six always fails (dead letter), one fails twice and one
     * once (delayed retries, then handled), the others never fail.
     */
    public List<String> jobs(String prefix, int count) {
        return mix(prefix, count);
    }

    /** The jobs of {@link #jobs}, for runs of several nodes too. */
    public static List<String> mix(String prefix, int count) {
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int failures = switch (i % 6) {
                case 0 -> Job.ALWAYS;
                case 1 -> 2;
                case 2 -> 1;
                default -> 0;
            };
            jobs.add(prefix + "-" + i + ":" + failures);
        }
        return jobs;
    }

    /**
     * Sends jobs through the application's CommandBus with its consumers paused, so that a planned halt cannot
     * interrupt the sending; they count in the ledger once the application confirmed them. Then the consumers
     * resume (a planned halt may end the process before it confirms that).
     */
    public void send(List<String> jobs) {
        app.command("pause", Duration.ofSeconds(30));
        app.send(jobs);
        jobs.forEach(j -> keys.add(j.substring(0, j.lastIndexOf(':'))));
        try {
            app.command("resume", Duration.ofSeconds(30));
        } catch (IllegalStateException haltedAlready) {
            // the planned halt came first: haltedThenRestart() takes over
        }
    }

    /** Counts a kill -9 (planned halt or external kill) of a process. */
    public void killed() {
        kills++;
    }

    /** The planned halt happened: count it and start the application again. */
    public void haltedThenRestart() {
        app.awaitHalt(Duration.ofSeconds(60));
        killed();
        app.start();
    }

    /**
     * Every fault healed: broker and application running, the queue drained and nothing in doubt (or the deadline
     * passed); then the ledger is taken and printed.
     */
    public Ledger settle() {
        if (!broker.alive()) {
            broker.start();
        }
        broker.refuseSends(false);
        if (!app.alive()) {
            app.start();
        }
        try {
            awaitDrained(Duration.ofSeconds(120));
        } catch (ConditionTimeoutException e) {
            System.out.println("FAULTS " + name + ": not settled within the deadline: " + e.getMessage());
        }
        Ledger ledger = Ledger.take(List.copyOf(keys), kills, broker);
        System.out.println(ledger.line() + " (" + name + ")");
        ledger.problems().forEach(p -> System.out.println("FAULTS " + name + ":   " + p));
        return ledger;
    }

    /** Waits until the work queue is empty (scheduled retries included) and nothing is prepared anywhere. */
    public void awaitDrained(Duration atMost) {
        await("the queue drained and nothing in doubt").atMost(atMost)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> broker.stat(WORK + ".messages") == 0 && broker.stat("xa.prepared") == 0
                        && Database.strings("SELECT gid FROM pg_prepared_xacts").isEmpty());
    }

    /** Waits until the handler's effects reach {@code count}: the load is under way. */
    public void awaitEffects(int count, Duration atMost) {
        await("at least " + count + " effects").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> Database.strings("SELECT count(*) FROM effect").get(0),
                        n -> Integer.parseInt(n) >= count);
    }

    /**
     * {@link #ROUNDS} rounds of: send {@link #MESSAGES} jobs {@code <prefix><round>-<i>}, wait until the handler
     * is under way (5 more effects), then the fault.
     */
    public void underLoad(String prefix, Runnable fault) {
        for (int round = 0; round < ROUNDS; round++) {
            send(jobs(prefix + round, MESSAGES));
            awaitEffects(round * MESSAGES * 5 / 6 + 5, Duration.ofSeconds(60));
            fault.run();
        }
    }

    /** Dead letters in the store now. */
    public int deadLetters() {
        return Integer.parseInt(Database.strings("SELECT count(*) FROM rebound_dead_letter").get(0));
    }

    /** Kills every child JVM still running (for @AfterAll; a shutdown hook does it too). */
    public static void killLeftovers() {
        Child.killAll();
    }

    @Override
    public void close() {
        app.stop();
        broker.stop();
    }
}
