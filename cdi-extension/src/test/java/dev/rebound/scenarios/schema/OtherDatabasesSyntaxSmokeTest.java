package dev.rebound.scenarios.schema;

import static dev.rebound.scenarios.schema.Databases.insertFirstShapeRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.deadletter.DeadLetterIds;
import dev.rebound.deadletter.ReboundSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A SYNTAX SMOKE TEST ONLY, not a test on those databases: the MySQL/MariaDB, Oracle and SQL Server migrations run on
 * H2 in its MySQL, Oracle and MSSQLServer compatibility modes, which catches a typo, a missing comma or a statement H2
 * reads differently, but not what only the real server refuses (types, key lengths, its own DDL rules). No server of
 * those databases can be started by this build. The hash function each of them has (MD5, STANDARD_HASH, HASHBYTES)
 * is stood in for by an H2 alias computing the same bytes, so that the formatting of the id around it is checked
 * against {@link DeadLetterIds}.
 */
class OtherDatabasesSyntaxSmokeTest {

    @ParameterizedTest
    @CsvSource({"mysql, MySQL", "oracle, Oracle", "sqlserver, MSSQLServer"})
    void the_migrations_read_and_upgrade_first_version_rows_under_h2s_compatibility_mode(String database,
                                                                                           String mode)
            throws SQLException {
        try (Connection c = Databases.h2("smoke" + UUID.randomUUID().toString().substring(0, 8), mode)
                .getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE ALIAS MD5 FOR '" + HashAliases.class.getName() + ".md5'");
                s.execute("CREATE ALIAS STANDARD_HASH FOR '" + HashAliases.class.getName() + ".standardHash'");
                s.execute("CREATE ALIAS HASHBYTES FOR '" + HashAliases.class.getName() + ".hexDigest'");
            }
            Databases.atVersion(c, database, 1);
            List<UUID> messages = insertFirstShapeRows(c);
            Databases.execute(c, ReboundSchema.statements(database, 2));
            Databases.execute(c, ReboundSchema.statements(database, 3).stream().map(sql -> database.equals("sqlserver")
                    // H2 has no CONVERT style 2 (binary to hex text): its HASHBYTES alias returns the hex already
                    ? sql.replace(")), 2)) END", ")))) END") : sql)
                    .toList());
            for (int version = 4; version <= ReboundSchema.VERSION; version++) {     // the tables added after 3
                // H2's MSSQLServer mode reads no column collation (SQL Server's binary one keeps keys case-sensitive)
                Databases.execute(c, ReboundSchema.statements(database, version).stream()
                        .map(sql -> sql.replace(" COLLATE Latin1_General_BIN2", "")).toList());
            }

            assertThat(ReboundSchema.missing(c)).isEmpty();
            assertThat(Databases.pageIndexes(c)).containsExactlyElementsOf(Databases.PAGE_INDEXES);
            Databases.assertFirstShapeRowsUpgraded(c, database, messages);
        }
    }
}
