package dev.rebound.scenarios.codes;

import dev.rebound.testsupport.Codes;
import org.junit.jupiter.api.Test;

/** Core's and the extension's REBOUND codes are all in Diagnostics, within its ranges in CODES.md, its own. */
class CodesTest {

    @Test
    void every_code_of_the_extension_is_in_its_range_and_its_own() {
        Codes.check("dev.rebound.core.Diagnostics");
    }
}
