package dev.rebound.dashboard.it.support;

import dev.rebound.dashboard.it.shop.Ledger;
import dev.rebound.dashboard.it.shop.PostEntry;
import dev.rebound.dashboard.it.shop.ShipOrder;
import dev.rebound.dashboard.it.shop.Shipping;
import dev.rebound.dashboard.it.shop.ShopApi;
import dev.rebound.dashboard.it.shop.ShopApplication;
import dev.rebound.testsupport.liberty.TestWar;

/**
 * A test WAR packaged as an application uses the dashboard: a {@link TestWar} (Rebound's jars, the dead letter
 * persistence unit, the schema) with the dashboard jar in WEB-INF/lib, a small shop (asynchronous shipping with a
 * dead letter, a ledger that stops on failure) with a test-only REST API to drive it, and configuration.
 */
public final class DashboardWar {

    private DashboardWar() {
    }

    /** A WAR whose shop consumes from the given queues of the server's messaging engine. */
    public static TestWar named(String name, String shippingQueue, String ledgerQueue) {
        return withoutShopApi(name, shippingQueue, ledgerQueue).classes(ShopApplication.class, ShopApi.class);
    }

    /**
     * The same shop without its REST API, so that the dashboard's is the WAR's only JAX-RS application: Liberty's
     * mpOpenAPI documents one application per WAR (OpenLiberty/open-liberty#27055: with two, the paths get one
     * application's prefix).
     */
    public static TestWar withoutShopApi(String name, String shippingQueue, String ledgerQueue) {
        return TestWar.named(name)
                .library("rebound-dashboard.jar", "dev.rebound.dashboard.DashboardApplication")
                .classes(Shipping.class, ShipOrder.class, Ledger.class, PostEntry.class)
                .config("rebound.dashboard.enabled", "true")
                .config("rebound.channel.shipping.queue", shippingQueue)
                .config("rebound.channel.ledger.queue", ledgerQueue);
    }
}
