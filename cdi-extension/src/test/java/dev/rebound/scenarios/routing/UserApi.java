package dev.rebound.scenarios.routing;

import dev.rebound.BusinessMethod;
import dev.rebound.Header;
import dev.rebound.MessageGateway;

@MessageGateway
public interface UserApi {

    @BusinessMethod("user.rename")
    String rename(Messages.Rename command, @Header("actor") String actor);

    @BusinessMethod("user.lookup")
    String lookup(String name);

    default String renameToUpper(String name) {
        return rename(new Messages.Rename(name.toUpperCase()), "system");
    }
}
