package dev.rebound.database.codes;

import dev.rebound.testsupport.Codes;
import org.junit.jupiter.api.Test;

/** The database transport's REBOUND codes are all in its class, within its ranges in CODES.md, owned by no other module. */
class CodesTest {

    @Test
    void every_code_of_the_database_transport_is_in_its_range_and_its_own() {
        Codes.check("dev.rebound.database.DatabaseDiagnostics");
    }
}
