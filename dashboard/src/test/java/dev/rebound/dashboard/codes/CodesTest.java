package dev.rebound.dashboard.codes;

import dev.rebound.testsupport.Codes;
import org.junit.jupiter.api.Test;

/** The dashboard's REBOUND codes are all in its class, within its range in CODES.md, owned by no other module. */
class CodesTest {

    @Test
    void every_code_of_the_dashboard_is_in_its_range_and_its_own() {
        Codes.check("dev.rebound.dashboard.DashboardDiagnostics");
    }
}
