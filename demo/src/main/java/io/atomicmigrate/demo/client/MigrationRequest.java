package io.atomicmigrate.demo.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code POST /migrations} needs: the source database and the Pipedrive account. Holds
 * credentials, so {@link #toString()} masks them and the body is only ever sent, never printed.
 *
 * @param sourceUrl       {@code postgresql://host:port/database}
 * @param destinationBase the Pipedrive API base: {@code https://<domain>.pipedrive.com} or the sandbox
 */
public record MigrationRequest(String name, String sourceUrl, String sourceUser, String sourcePassword,
                               String destinationBase, String companyDomain, String apiToken, Integer sampleSize) {

    Map<String, Object> body() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("url", sourceUrl);
        if (sourceUser != null) {
            source.put("user", sourceUser);
        }
        if (sourcePassword != null) {
            source.put("password", sourcePassword);
        }
        Map<String, Object> destination = new LinkedHashMap<>();
        if (companyDomain != null) {
            destination.put("companyDomain", companyDomain);
        }
        if (destinationBase != null) {
            destination.put("baseUrl", destinationBase);
        }
        destination.put("apiToken", apiToken);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("source", source);
        body.put("destination", destination);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("checkConnections", "true");
        if (sampleSize != null) {
            options.put("sampleSize", sampleSize.toString());
        }
        body.put("options", options);
        return body;
    }

    @Override
    public String toString() {
        return "MigrationRequest[" + name + ", source " + sourceUrl.replaceAll("//[^@/]*@", "//***@") + ", destination "
                + (destinationBase != null ? destinationBase : companyDomain) + ", token ***]";
    }
}
