package dev.rebound.scenarios.payloadtypes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebound.deadletter.PayloadTypes;
import dev.rebound.testsupport.LogRecords;
import java.lang.management.ManagementFactory;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A stored or received type name resolves only into handler payload types, and hostile names cannot grow memory. */
class PayloadTypesTest {

    private static final String EVIL = "com.example.evil.Type";

    @Test
    void declared_types_their_sealed_subtypes_and_their_subclasses_resolve() {
        PayloadTypes types = new PayloadTypes(Set.of(Shipping.Shipment.class, Shipping.Invoice.class));

        assertThat(types.resolve(Shipping.Shipment.class.getName())).contains(Shipping.Shipment.class);
        assertThat(types.resolve(Shipping.Parcel.class.getName())).contains(Shipping.Parcel.class);
        assertThat(types.resolve(Shipping.Pallet.class.getName())).contains(Shipping.Pallet.class);
        assertThat(types.resolve(Shipping.CreditNote.class.getName())).contains(Shipping.CreditNote.class);
        assertThat(types.resolve(String.class.getName())).isEmpty();
        assertThat(types.resolve(EVIL)).isEmpty();
        assertThat(types.resolve(null)).isEmpty();
    }

    @Test
    void a_million_distinct_unknown_type_names_do_not_grow_memory() {
        PayloadTypes types = new PayloadTypes(Set.of(Shipping.Shipment.class, Shipping.Invoice.class));
        assertThat(types.resolve(Shipping.CreditNote.class.getName())).isPresent();
        long before = usedHeapAfterGc();

        try (LogRecords log = LogRecords.capture()) {
            for (int i = 0; i < 1_000_000; i++) {
                assertThat(types.resolve(EVIL + i)).isEmpty();
            }
            long grown = usedHeapAfterGc() - before;
            assertThat(grown).as("heap retained after 1,000,000 names, bytes").isLessThan(8L * 1024 * 1024);
            assertThat(log.messages("REBOUND-1034")).hasSize(1);
        }
        // what was resolved before stays resolved; the sealed hierarchy needs no lookup at all
        assertThat(types.resolve(Shipping.CreditNote.class.getName())).contains(Shipping.CreditNote.class);
        assertThat(types.resolve(Shipping.Pallet.class.getName())).contains(Shipping.Pallet.class);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
