package io.atomicmigrate.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** One broker and one Postgres server per JVM, however many test classes and class loaders ask. */
class LocalStackTest {

    @Test
    void sharedReturnsTheSameInstances() {
        assertThat(LocalKafka.shared()).isSameAs(LocalKafka.shared());
        assertThat(LocalPostgres.shared()).isSameAs(LocalPostgres.shared());
        LocalStack stack = LocalStack.shared();
        assertThat(LocalStack.shared()).isSameAs(stack);
        assertThat(stack.kafka()).isSameAs(LocalKafka.shared());
        assertThat(stack.postgres()).isSameAs(LocalPostgres.shared());
    }

    @Test
    void theTestResourceConfiguresQuarkusForTheSharedStackAndKeepsItRunning() throws Exception {
        LocalStackTestResource resource = new LocalStackTestResource();
        Map<String, String> config = resource.start();
        resource.stop();

        LocalKafka kafka = LocalKafka.shared();
        LocalPostgres postgres = LocalPostgres.shared();
        assertThat(config)
                .containsEntry("kafka.bootstrap.servers", kafka.bootstrapServers())
                .containsEntry("mp.messaging.connector.smallrye-kafka.bootstrap.servers", kafka.bootstrapServers())
                .containsEntry("quarkus.datasource.reactive.url", postgres.reactiveUrl("control"))
                .containsEntry("quarkus.datasource.jdbc.url", postgres.jdbcUrl("control"))
                .containsEntry("quarkus.datasource.username", postgres.user())
                .containsEntry("quarkus.datasource.password", postgres.password())
                .containsEntry("quarkus.devservices.enabled", "false")
                .containsEntry("quarkus.kafka.devservices.enabled", "false")
                .containsEntry("quarkus.datasource.devservices.enabled", "false");

        // a second test class gets the same stack, and stop() left it running
        assertThat(new LocalStackTestResource().start()).isEqualTo(config);
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
        try (Connection c = postgres.connect("control")) {
            assertThat(c.getCatalog()).isEqualTo("control");
        }
    }

    @Test
    void anotherClassLoaderAttachesToTheRunningServersInsteadOfStartingNewOnes() throws Exception {
        LocalKafka kafka = LocalKafka.shared();
        LocalPostgres postgres = LocalPostgres.shared();
        ClassLoader isolated = new OwnCopyOfLocalStack(getClass().getClassLoader());

        Object otherKafka = call(isolated.loadClass(LocalKafka.class.getName()), null, "shared");
        assertThat(otherKafka.getClass()).isNotSameAs(LocalKafka.class);
        assertThat(call(otherKafka.getClass(), otherKafka, "bootstrapServers")).isEqualTo(kafka.bootstrapServers());
        assertThat(call(otherKafka.getClass(), otherKafka, "isEmbedded")).isEqualTo(false);

        Object otherPostgres = call(isolated.loadClass(LocalPostgres.class.getName()), null, "shared");
        assertThat(call(otherPostgres.getClass(), otherPostgres, "port")).isEqualTo(postgres.port());
        assertThat(call(otherPostgres.getClass(), otherPostgres, "isEmbedded")).isEqualTo(false);
    }

    private static Object call(Class<?> type, Object target, String method) throws Exception {
        Method m = type.getMethod(method);
        return m.invoke(target);
    }

    /**
     * Defines its own copies of this package's classes (with their own static singletons) and
     * shares everything else, as a Quarkus test class loader does with a library jar.
     */
    private static final class OwnCopyOfLocalStack extends ClassLoader {
        OwnCopyOfLocalStack(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(LocalKafka.class.getPackageName() + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }
}
