package dev.rebound.database.testing;

import dev.rebound.testsupport.ReboundTest;
import java.util.Map;

/** A {@code @ReboundTest(profile = DatabaseProfile.class)}: the database transport on PostgreSQL with short pauses. */
public final class DatabaseProfile implements ReboundTest.Profile {

    @Override
    public Map<String, String> config() {
        return DatabaseDeployments.testSettings();
    }
}
