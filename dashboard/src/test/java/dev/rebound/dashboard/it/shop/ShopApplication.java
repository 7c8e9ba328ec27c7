package dev.rebound.dashboard.it.shop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** Lists its resources: an Application that scanned would also pick up the dashboard's resource. */
@ApplicationPath("test")
public class ShopApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ShopApi.class);
    }
}
