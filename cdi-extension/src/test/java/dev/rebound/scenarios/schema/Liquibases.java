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
}
