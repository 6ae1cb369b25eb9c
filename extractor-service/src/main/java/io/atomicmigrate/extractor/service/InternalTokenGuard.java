package io.atomicmigrate.extractor.service;

import io.atomicmigrate.extractor.config.ExtractorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Admits the platform's own services to {@code /internal/...}: the request must carry
 * {@code Authorization: Bearer <PLATFORM_INTERNAL_TOKEN>}.
 *
 * <p>Both sides are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time
 * taken says nothing about how much of a guess was right, nor about the token's length. No
 * message ever names the presented or the expected value.
 */
@ApplicationScoped
public class InternalTokenGuard {

    private static final String BEARER = "bearer ";

    /** SHA-256 of the configured token; null: none configured, the internal endpoints are off. */
    private final byte[] expectedDigest;

    @Inject
    public InternalTokenGuard(ExtractorConfig config) {
        this(config.internalToken().orElse(null));
    }

    public InternalTokenGuard(String token) {
        this.expectedDigest = token == null || token.isBlank() ? null : sha256(token.strip());
    }

    /**
     * Returns when the header carries the configured token; otherwise throws a 503
     * {@code INTERNAL_TOKEN_MISSING} (nothing configured) or a 401 {@code UNAUTHORIZED}.
     */
    public void require(String authorizationHeader) {
        if (expectedDigest == null) {
            throw new ProblemException(503, "INTERNAL_TOKEN_MISSING",
                    "this extractor has no internal token (PLATFORM_INTERNAL_TOKEN), so its internal endpoints are off");
        }
        String presented = bearer(authorizationHeader);
        // Digest even a missing token, so every refusal does the same work.
        byte[] presentedDigest = sha256(presented == null ? "" : presented);
        if (!MessageDigest.isEqual(expectedDigest, presentedDigest) || presented == null) {
            throw new ProblemException(401, "UNAUTHORIZED", "a valid internal bearer token is required");
        }
    }

    private static String bearer(String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
