package io.atomicmigrate.loader.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Reserves the port of the mapper stub ({@link MapperStub}) before the application starts, so the
 * loader's mapper Rest Client points at it. The port travels in a system property because Quarkus
 * loads test classes twice (the test resource and the test instance live in different class loaders).
 */
public class LoaderTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PORT_PROPERTY = "mapper-stub.port";

    @Override
    public Map<String, String> start() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = Integer.toString(s.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            System.setProperty(PORT_PROPERTY, port);
        }
        return Map.of(PORT_PROPERTY, port);
    }

    @Override
    public void stop() {
    }
}
