package dev.rebound.inmemory.codes;

import dev.rebound.testsupport.Codes;
import org.junit.jupiter.api.Test;

/** The in-memory transport's REBOUND codes are all in its class, within its ranges in CODES.md, its own. */
class CodesTest {

    @Test
    void every_code_of_the_in_memory_transport_is_in_its_range_and_its_own() {
        Codes.check("dev.rebound.inmemory.InMemoryDiagnostics");
    }
}
