package dev.rebound.opentelemetry.codes;

import dev.rebound.testsupport.Codes;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry module's REBOUND codes are all in its class, within its ranges in CODES.md, its own. */
class CodesTest {

    @Test
    void every_code_of_the_tracing_module_is_in_its_range_and_its_own() {
        Codes.check("dev.rebound.opentelemetry.TracingDiagnostics");
    }
}
