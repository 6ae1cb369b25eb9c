package io.atomicmigrate.mapper.client;

import com.sun.net.httpserver.HttpServer;
import io.atomicmigrate.localstack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for an OpenAI-compatible chat completions endpoint: answers with a fixed
 * suggestion (one good, one malformed) and records what it was asked, so the test can check the
 * request (model, key, prompt) without any network.
 */
public class LlmStubServer implements QuarkusTestResourceLifecycleManager {

    public static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    public static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    public static volatile boolean failing;
    static final String ANSWER = """
            {"suggestions": [
              {"line": "contacts.preferences", "fieldType": "text", "name": "Contact preferences",
               "reason": "language, newsletter and channel preferences; one long-text field is enough"},
              {"line": "contacts.external_uuid", "fieldType": "hologram", "name": "X", "reason": "nonsense type"},
              {"line": "contacts.nope", "fieldType": "varchar", "name": "Ghost", "reason": "no such line"}
            ]}""";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", exchange -> {
            REQUESTS.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            // shaped like a real OpenAI response, with the fields the adapter does not read
            String body = failing ? "{\"error\": \"overloaded\"}" : "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\","
                    + " \"created\": 1767225600, \"model\": \"stub-model\", \"choices\": [{\"index\": 0,"
                    + " \"finish_reason\": \"stop\", \"logprobs\": null, \"message\": {\"role\": \"assistant\","
                    + " \"refusal\": null, \"content\": " + io.atomicmigrate.common.json.Json.mapper().writeValueAsString(ANSWER)
                    + "}}], \"usage\": {\"prompt_tokens\": 120, \"completion_tokens\": 80, \"total_tokens\": 200}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(failing ? 503 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        Map<String, String> config = new HashMap<>(LocalStack.shared().quarkusConfig());
        config.put("mapper.llm.enabled", "true");
        config.put("mapper.llm.model", "stub-model");
        config.put("mapper.llm.api-key", "test-key-123");
        config.put("quarkus.rest-client.llm.url", "http://127.0.0.1:" + server.getAddress().getPort());
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
