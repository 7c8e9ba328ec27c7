package dev.rebound.jms.codes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.testsupport.Codes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JMS transport's REBOUND codes are all in its class, within its ranges in CODES.md, owned by no other module. */
class CodesTest {

    @Test
    void every_code_of_the_jms_transport_is_in_its_range_and_its_own() {
        Codes.check("dev.rebound.jms.JmsDiagnostics");
    }

    @Test
    void a_code_of_a_shared_range_used_by_two_modules_is_refused() {
        String table = "| 2070-2079 | per-channel control | `dev.rebound.a.A`, `dev.rebound.b.B` |\n";
        Map<String, String> sources = Map.of("dev.rebound.a.A", "\"REBOUND-2071: a\"",
                "dev.rebound.b.B", "\"REBOUND-2071: b\" \"REBOUND-2080: c\"");

        assertThat(Codes.problems(table, sources, "dev.rebound.b.B")).containsExactly(
                "REBOUND-2080 of dev.rebound.b.B is in no range CODES.md gives it",
                "REBOUND-2071 is in both dev.rebound.b.B and dev.rebound.a.A (a code has one owner; CODES.md's "
                        + "\"Shared codes:\" lists deliberate exceptions)");
        assertThat(Codes.problems(table + "Shared codes: 2071\n", sources, "dev.rebound.a.A")).isEmpty();
    }
}
