package io.atomicmigrate.mapper.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** An OpenAI-compatible chat completions endpoint ({@code quarkus.rest-client.llm.url}). */
@RegisterRestClient(configKey = "llm")
@Path("/v1/chat/completions")
public interface LlmChatClient {

    @POST
    Uni<ChatResponse> complete(@HeaderParam("Authorization") String authorization, ChatRequest request);

    record ChatRequest(String model, List<Message> messages, double temperature,
                       @JsonProperty("response_format") ResponseFormat responseFormat) {
    }

    record ResponseFormat(String type) {
    }

    // Responses carry much more than we read (id, usage, finish_reason, refusal, ...); the service's
    // strict unknown-property setting is for our own API, not for someone else's.
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String role, String content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChatResponse(List<Choice> choices) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Message message) {
    }
}
