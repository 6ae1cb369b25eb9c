package io.atomicmigrate.mapper.client;

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

    record Message(String role, String content) {
    }

    record ChatResponse(List<Choice> choices) {
    }

    record Choice(Message message) {
    }
}
