package dev.rebound.scenarios.schema;

import static dev.rebound.scenarios.schema.Databases.assertLatest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.deadletter.ReboundSchema;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several nodes of one application starting at the same moment on an empty database (the two-node Liberty suite
 * does): each runs {@link ReboundSchema#create} and sees every migration pending; all must succeed, and the schema
 * ends at the last version once. On PostgreSQL only: an embedded Derby cannot be shared by several nodes (one JVM
 * owns its files), and three connections of one JVM creating its tables at once hung in Derby's DDL locks for the
 * test's 60 s once in the lead's CI run (it passed in the other runs).
 */
class ConcurrentCreateTest {

    private static final int NODES = 3;

    @AfterEach
    void dropTheSchemas() {
        Databases.dropSchemas();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void nodes_creating_the_schema_at_once_all_succeed(String kind) throws Exception {
        for (int round = 0; round < 3; round++) {
            createAtOnce(Databases.empty(kind));
        }
    }

    private static void createAtOnce(DataSource database) throws Exception {
        CyclicBarrier start = new CyclicBarrier(NODES);
        ExecutorService nodes = Executors.newFixedThreadPool(NODES);
        try {
            List<Future<Integer>> created = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                created.add(nodes.submit(() -> {
                    try (Connection c = database.getConnection()) {
                        start.await(30, TimeUnit.SECONDS);
                        return ReboundSchema.create(c);
                    }
                }));
            }
            for (Future<Integer> node : created) {
                // the version each found: 0 when it applied the first migration itself, or later ones
                assertThat(node.get(60, TimeUnit.SECONDS)).isBetween(0, ReboundSchema.VERSION);
            }
        } finally {
            nodes.shutdownNow();
        }
        try (Connection c = database.getConnection()) {
            assertLatest(c);
            assertThat(ReboundSchema.version(c)).isEqualTo(ReboundSchema.VERSION);
        }
    }
}
