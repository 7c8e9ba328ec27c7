package dev.rebound.scenarios.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Liquibase on the shipped changelog {@code db/rebound/changelog.xml}, and what it recorded; for schema-tests too. */
public final class Liquibases {

    private Liquibases() {
    }

    /** Liquibase's update on a connection of its own (it closes it). */
    public static void update(DataSource dataSource) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(dataSource.getConnection()));
        try (Liquibase liquibase = new Liquibase("db/rebound/changelog.xml", new ClassLoaderResourceAccessor(),
                database)) {
            liquibase.update("");
        }
    }

    /**
     * The changeSets as Liquibase recorded them: "id EXECTYPE". The table's name unquoted in upper case: Liquibase
     * makes it so on MySQL and MariaDB, whose table names are case-sensitive on Linux, and the other databases fold it.
     */
    public static List<String> ran(Connection c) throws SQLException {
        List<String> ran = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT id, exectype FROM DATABASECHANGELOG ORDER BY orderexecuted")) {
            while (r.next()) {
                ran.add(r.getString(1) + " " + r.getString(2));
            }
        }
        return ran;
    }

    /** "rebound-n STATE" for the changeSets {@code from} to the last version, as {@link #ran} lists them. */
    public static List<String> changeSets(int from, String state) {
        List<String> sets = new java.util.ArrayList<>();
        for (int version = from; version <= dev.rebound.deadletter.ReboundSchema.VERSION; version++) {
            sets.add("rebound-" + version + " " + state);
        }
        return sets;
    }

    /** What {@link #ran} lists after an update of a table of version 1: its changeSet marked, the others run. */
    public static List<String> upgradedFromFirstVersion() {
        List<String> sets = new java.util.ArrayList<>(List.of("rebound-1 MARK_RAN"));
        sets.addAll(changeSets(2, "EXECUTED"));
        return sets;
    }
}
