package io.atomicmigrate.loader.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Reserves the ports of the mapper stub ({@link MapperStub}) and the extractor stub
 * ({@link ExtractorStub}) before the application starts, so the loader's Rest Clients point at them. The port travels in a system property because Quarkus
 * loads test classes twice (the test resource and the test instance live in different class loaders).
 */
public class LoaderTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PORT_PROPERTY = "mapper-stub.port";
    static final String EXTRACTOR_PORT_PROPERTY = "extractor-stub.port";

    @Override
    public Map<String, String> start() {
        return Map.of(PORT_PROPERTY, port(PORT_PROPERTY), EXTRACTOR_PORT_PROPERTY, port(EXTRACTOR_PORT_PROPERTY));
    }

    private static String port(String property) {
        String port = System.getProperty(property);
        if (port == null) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = Integer.toString(s.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            System.setProperty(property, port);
        }
        return port;
    }

    @Override
    public void stop() {
    }
}
