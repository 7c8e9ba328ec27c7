package dev.rebound.faults.app;

import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoordinatorEnvironmentBean;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.JTAEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import dev.rebound.CommandBus;
import dev.rebound.Consumers;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetters;
import dev.rebound.cdi.ReboundExtension;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.persistence.Persistence;
import jakarta.transaction.TransactionManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import javax.sql.DataSource;
import javax.sql.XAConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.hibernate.SessionFactory;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.postgresql.xa.PGXADataSource;

/**
 * The stand-alone application of the fault suite, in its own JVM: Weld, Rebound ({@code rebound.jms.transactions=xa}),
 * Narayana with recovery, an Agroal XA data source on PostgreSQL, Hibernate for the dead letter, Artemis' XA
 * connection factory over TCP. It reads commands on stdin ({@code <id> send key:failures ...}, {@code <id> heal}, {@code <id> pause}, {@code <id> resume},
 * {@code <id> replay-all}, {@code <id> replay-each-twice}, {@code <id> stop}) and answers {@code FAULTS-REPLY <id> <result>} on stdout.
 *
 * <p>System properties: {@code faults.dir} (the run's directory: Narayana's object store, fired faults),
 * {@code faults.plan}, {@code faults.incarnation}, {@code faults.work-ms}, {@code faults.pg.port},
 * {@code faults.broker.port}, {@code faults.broker.options} (more options of the broker's URL, {@code &name=value...});
 * {@code faults.node} (Narayana's node identifier, default {@code faults}), {@code faults.tsm-port},
 * {@code faults.nodes} (one of several nodes: handler calls recorded in {@code handler_call}, failures counted by
 * Rebound's attempt, the {@link LaterHandler} too: {@code <id> later key ...}), {@code faults.outbox} (the outbox flow instead of the work handler: {@code <id> order key ...}),
 * {@code faults.hold-ms} (how long {@link Point#RELAY_HOLDING} holds its rows at most; the file
 * {@code <faults.dir>/release} ends the hold).
 */
public final class FaultApp {

    /** What the CDI producers hand out; built before the container starts. */
    record Resources(TransactionManager tm, ConnectionFactory connectionFactory, DataSource dataSource,
                     SessionFactory sessions, FaultPlan plan, AppState state,
                     HandlerCalls calls) {
    }

    public static final String NODE = "faults";
    /** Outbox mode ({@code faults.outbox=true}): the relay claims at most this many rows per batch. */
    static final int RELAY_BATCH = 10;
    /** The suite binds 61716 (broker) and this one (Narayana's transaction status manager). */
    static final int TSM_PORT = 61717;

    private static volatile Resources resources;

    private FaultApp() {
    }

    static Resources resources() {
        return resources;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("faults.dir"));
        int incarnation = Integer.getInteger("faults.incarnation", 1);
        String pgUrl = "jdbc:postgresql://127.0.0.1:" + Integer.getInteger("faults.pg.port") + "/postgres";
        String brokerUrl = "tcp://127.0.0.1:" + Integer.getInteger("faults.broker.port")
                + "?callTimeout=5000&callFailoverTimeout=5000" + System.getProperty("faults.broker.options", "");

        String node = System.getProperty("faults.node", NODE);
        boolean outbox = Boolean.getBoolean("faults.outbox");
        configureNarayana(dir.resolve("narayana"), node, Integer.getInteger("faults.tsm-port", TSM_PORT));
        TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
        FaultPlan plan = new FaultPlan(System.getProperty("faults.plan"), dir.resolve("fired"));
        ActiveMQXAConnectionFactory jms = outbox
                ? new WatchedConnectionFactory(brokerUrl, plan, node, Long.getLong("faults.hold-ms", 50_000),
                        dir.resolve("release"))
                : new ActiveMQXAConnectionFactory(brokerUrl);
        startRecovery(pgUrl, jms);
        AgroalDataSource dataSource = xaDataSource(pgUrl, tm);
        SessionFactory sessions = Persistence.createEntityManagerFactory("faults", Map.of(
                "jakarta.persistence.jtaDataSource", dataSource,
                "hibernate.transaction.jta.platform",
                "org.hibernate.engine.transaction.jta.platform.internal.JBossStandAloneJtaPlatform",
                "hibernate.current_session_context_class", "jta",
                // no JDBC metadata at boot: the application starts many times per build
                "hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect",
                "hibernate.boot.allow_jdbc_metadata_access", "false")).unwrap(SessionFactory.class);
        boolean nodes = Boolean.getBoolean("faults.nodes");
        AppState state = new AppState(node, incarnation, Long.getLong("faults.work-ms", 0),
                Files.exists(dir.resolve("healed")), nodes);
        resources = new Resources(tm, jms, dataSource, sessions, plan, state,
                new HandlerCalls(nodes ? pgUrl : null, node, incarnation));

        Map<String, String> settings = new HashMap<>(Map.of(
                "rebound.jms.transactions", "xa",
                "rebound.channel." + WorkHandler.CHANNEL + ".concurrent-consumers", "2",
                // two transports on the class path (JMS, database): each channel names its own
                "rebound.channel." + WorkHandler.CHANNEL + ".transport", "jms",
                "rebound.jms.receive-timeout-ms", "200",
                "rebound.jms.failure-pause-ms", "500",
                "rebound.jms.shutdown-timeout-ms", "2000",
                "rebound.jms.unrouted-delay-ms", "1000"));
        if (nodes) {
            settings.put("rebound.channel." + LaterHandler.CHANNEL + ".transport", "jms");
            settings.put("rebound.channel." + LaterHandler.CHANNEL + ".concurrent-consumers", "2");
        }
        if (outbox) {
            // the combined channel "database, then broker": every send to orders is a row of orders-outbox in
            // the sender's transaction, relayed to the JMS queue orders
            settings.putAll(Map.of(
                    "rebound.channels", OrderHandler.OUTBOX,
                    "rebound.channel." + OrderHandler.OUTBOX + ".transport", "database",
                    "rebound.channel." + OrderHandler.OUTBOX + ".relay-to", OrderHandler.CHANNEL,
                    "rebound.channel." + OrderHandler.CHANNEL + ".transport", "jms",
                    "rebound.channel." + OrderHandler.CHANNEL + ".outbox", OrderHandler.OUTBOX,
                    "rebound.channel." + OrderHandler.CHANNEL + ".concurrent-consumers", "2",
                    "rebound.database.relay-batch", String.valueOf(RELAY_BATCH),
                    "rebound.database.poll-interval-ms", "300",
                    "rebound.database.failure-pause-ms", "500",
                    "rebound.database.shutdown-timeout-ms", "2000"));
            // the relay's send may be held (RELAY_HOLDING) longer than the default bound of 5 s
            settings.put("rebound.channel." + OrderHandler.CHANNEL + ".send-timeout-ms", "60000");
        }
        System.getProperties().putAll(settings);
        Weld weld = new Weld().disableDiscovery().addExtension(new ReboundExtension())
                .addBeanClasses(AppResources.class, HaltingObserver.class)
                .addBeanClasses(outbox ? OrderHandler.class : WorkHandler.class);
        if (nodes) {
            weld.addBeanClasses(LaterHandler.class);
        }
        try (WeldContainer container = weld.initialize()) {
            System.out.println("FAULTS-READY process " + incarnation);
            System.out.flush();
            control(container, state, dir, tm, dataSource);
        }
        System.exit(0);
    }

    private static void control(WeldContainer container, AppState state, Path dir, TransactionManager tm,
                                DataSource dataSource) throws Exception {
        CommandBus commands = container.select(CommandBus.class).get();
        DeadLetters deadLetters = container.select(DeadLetters.class).get();
        Consumers consumers = container.select(Consumers.class).get();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 2) {
                continue;
            }
            String result;
            try {
                switch (words[1]) {
                    case "send" -> {
                        for (int i = 2; i < words.length; i++) {
                            String[] keyAndFailures = words[i].split(":");
                            commands.send(new Job(keyAndFailures[0], Integer.parseInt(keyAndFailures[1])));
                        }
                        result = String.valueOf(words.length - 2);
                    }
                    case "later" -> {
                        for (int i = 2; i < words.length; i++) {
                            commands.send(new LaterJob(words[i]));
                        }
                        result = String.valueOf(words.length - 2);
                    }
                    case "order" -> {
                        for (int i = 2; i < words.length; i++) {
                            order(words[i], commands, tm, dataSource, state);
                        }
                        result = String.valueOf(words.length - 2);
                    }
                    case "pause" -> {
                        consumers.pauseAll();
                        result = "paused";
                    }
                    case "resume" -> {
                        consumers.resumeAll();
                        result = "resumed";
                    }
                    case "heal" -> {
                        Files.writeString(dir.resolve("healed"), "healed");
                        state.heal();
                        result = "healed";
                    }
                    case "replay-all" -> {
                        Current.REPLAYING.set(true);
                        try {
                            result = String.valueOf(deadLetters.replayAll());
                        } finally {
                            Current.REPLAYING.set(false);
                        }
                    }
                    case "replay-each-twice" -> result = String.valueOf(replayEachTwice(deadLetters));
                    case "stop" -> {
                        reply(words[0], "stopping");
                        return;
                    }
                    default -> result = "unknown command " + words[1];
                }
            } catch (Exception e) {
                e.printStackTrace(System.out);
                result = "failed " + e;
            }
            reply(words[0], result);
        }
    }

    /**
     * The outbox flow's business method: in one JTA transaction, the business row and the command sent to
     * {@code orders} (a row of {@code orders-outbox} on the same connection: one commit); {@code FAULTS-ACK key}
     * once the call has returned, which is what the caller was told.
     */
    private static void order(String key, CommandBus commands, TransactionManager tm, DataSource dataSource,
                              AppState state) throws Exception {
        FaultPlan plan = resources.plan();
        tm.begin();
        try {
            try (java.sql.Connection c = dataSource.getConnection();
                 java.sql.PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO business (order_key, node, process) VALUES (?, ?, ?)")) {
                insert.setString(1, key);
                insert.setString(2, state.node());
                insert.setInt(3, state.incarnation());
                insert.executeUpdate();
            }
            commands.send(new Order(key));
            plan.at(Point.BEFORE_BUSINESS_COMMIT, key);
        } catch (Exception | Error e) {
            tm.rollback();
            throw e;
        }
        tm.commit();
        plan.at(Point.AFTER_BUSINESS_COMMIT, key);
        WatchedConnectionFactory.print("FAULTS-ACK " + key);
    }

    /**
     * Two operators replay every dead letter at the same moment (a double click, two bulk replays of one
     * selection): two threads per dead letter, released together. Returns the replays that reported success.
     */
    private static int replayEachTwice(DeadLetters deadLetters) throws InterruptedException {
        List<UUID> ids = deadLetters.list(0, 1000).stream().map(DeadLetter::id).toList();
        AtomicInteger handled = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (UUID id : ids) {
            CyclicBarrier together = new CyclicBarrier(2);
            for (int operator = 0; operator < 2; operator++) {
                Thread t = new Thread(() -> {
                    Current.REPLAYING.set(true);
                    try {
                        together.await();
                        if (deadLetters.replay(id)) {
                            handled.incrementAndGet();
                        }
                    } catch (Exception gone) {
                        System.out.println("FAULTS replay of " + id + ": " + gone);
                    }
                });
                t.start();
                threads.add(t);
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        return handled.get();
    }

    private static void reply(String id, String result) {
        System.out.println("FAULTS-REPLY " + id + " " + result);
        System.out.flush();
    }

    /**
     * Narayana with a fixed object store and node name, so that a restarted process finds the transactions its
     * predecessor left in doubt; no recovery listener socket (fixed port 4712 by default).
     */
    private static void configureNarayana(Path store, String node, int tsmPort) {
        String dir = store.toAbsolutePath().toString();
        System.setProperty("com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean.objectStoreDir", dir);
        System.setProperty("ObjectStoreEnvironmentBean.objectStoreDir", dir);
        BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(dir);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore").setObjectStoreDir(dir);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "stateStore").setObjectStoreDir(dir);
        try {
            BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class).setNodeIdentifier(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        BeanPopulator.getDefaultInstance(CoordinatorEnvironmentBean.class).setDefaultTimeout(60);
        JTAEnvironmentBean jta = BeanPopulator.getDefaultInstance(JTAEnvironmentBean.class);
        jta.setXaRecoveryNodes(List.of(node));
        jta.setXaResourceOrphanFilterClassNames(List.of(
                "com.arjuna.ats.internal.jta.recovery.arjunacore.JTATransactionLogXAResourceOrphanFilter",
                "com.arjuna.ats.internal.jta.recovery.arjunacore.JTANodeNameXAResourceOrphanFilter",
                "com.arjuna.ats.internal.jta.recovery.arjunacore.JTAActionStatusServiceXAResourceOrphanFilter"));
        // longer than a prepare can hang (the suite hangs the database for 10 s): a branch prepared by a live
        // transaction whose log is not written yet must not be taken for an orphan
        jta.setOrphanSafetyInterval(15_000);
        RecoveryEnvironmentBean recovery = BeanPopulator.getDefaultInstance(RecoveryEnvironmentBean.class);
        recovery.setRecoveryListener(false);
        // the transaction status manager answers other processes' recovery: on a fixed port of the suite's range
        recovery.setTransactionStatusManagerAddress("127.0.0.1");
        recovery.setTransactionStatusManagerPort(tsmPort);
        recovery.setPeriodicRecoveryPeriod(5);
        recovery.setRecoveryBackoffPeriod(1);
        recovery.setRecoveryModuleClassNames(List.of(
                "com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule",
                "com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule"));
        recovery.setExpiryScannerClassNames(List.of(
                "com.arjuna.ats.internal.arjuna.recovery.ExpiredTransactionStatusManagerScanner"));
    }

    /** The periodic recovery thread, with one XAResource of PostgreSQL and one of Artemis to recover with. */
    private static void startRecovery(String pgUrl, ActiveMQXAConnectionFactory jms) {
        RecoveryManager manager = RecoveryManager.manager(RecoveryManager.INDIRECT_MANAGEMENT);
        XARecoveryModule xa = manager.getModules().stream().filter(XARecoveryModule.class::isInstance)
                .map(XARecoveryModule.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("Narayana has no XARecoveryModule"));
        xa.addXAResourceRecoveryHelper(new Recovery("PostgreSQL", () -> {
            PGXADataSource pg = new PGXADataSource();
            pg.setUrl(pgUrl);
            pg.setUser("postgres");
            pg.setPassword("postgres");
            XAConnection connection = pg.getXAConnection();
            return new Recovery.Opened(connection.getXAResource(), connection::close);
        }));
        xa.addXAResourceRecoveryHelper(new Recovery("Artemis", () -> {
            XAJMSContext context = jms.createXAContext();
            return new Recovery.Opened(context.getXAResource(), context::close);
        }));
    }

    private static AgroalDataSource xaDataSource(String pgUrl, TransactionManager tm) throws Exception {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(10)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        // after a database restart the pooled connections are dead: test on borrow, drop on fatal
                        .validateOnBorrow(true)
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .exceptionSorter(new PostgreSQLExceptionSorter())
                        .transactionIntegration(new NarayanaTransactionIntegration(tm,
                                new com.arjuna.ats.internal.jta.transaction.arjunacore
                                        .TransactionSynchronizationRegistryImple()))
                        .connectionFactoryConfiguration(factory -> factory.connectionProviderClass(PGXADataSource.class)
                                .jdbcUrl(pgUrl)
                                .principal(new NamePrincipal("postgres"))
                                .credential(new SimplePassword("postgres"))));
        return AgroalDataSource.from(config);
    }
}
