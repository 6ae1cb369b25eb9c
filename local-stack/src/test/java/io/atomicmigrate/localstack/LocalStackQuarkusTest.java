package io.atomicmigrate.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The test resource as a service uses it: Quarkus loads it in its own class loader, starts
 * it, and injects the configuration it returned. The broker and the server are the ones this
 * JVM already runs (the other test classes started them), not new ones.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class LocalStackQuarkusTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaBootstrap;

    @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.bootstrap.servers")
    String connectorBootstrap;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.devservices.enabled")
    boolean devServices;

    @Test
    void theServiceSeesOneRealBrokerAndTheControlDatabase() throws Exception {
        assertThat(connectorBootstrap).isEqualTo(kafkaBootstrap);
        assertThat(devServices).isFalse();
        // whoever started the broker in this JVM recorded it; Quarkus's copy of the classes attached to it
        assertThat(kafkaBootstrap).isEqualTo(System.getProperty(LocalKafka.JVM_BOOTSTRAP_PROPERTY));

        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        try (Admin client = Admin.create(admin)) {
            assertThat(client.describeCluster().nodes().get()).hasSize(1);
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        try (Connection c = new org.postgresql.Driver().connect(jdbcUrl, credentials)) {
            assertThat(c.getCatalog()).isEqualTo(LocalStack.CONTROL_DATABASE);
        }
    }
}
