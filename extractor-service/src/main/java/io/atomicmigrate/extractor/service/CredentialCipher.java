package io.atomicmigrate.extractor.service;

import io.atomicmigrate.extractor.config.ExtractorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts credentials at rest (DESIGN §8) with AES-GCM. Each value gets a fresh 96-bit IV, and
 * the migration id plus the field name are bound in as associated data, so a ciphertext copied
 * into another row or column fails to decrypt instead of silently handing out the wrong secret.
 * Layout: version byte (1), IV (12 bytes), ciphertext with its 128-bit tag.
 */
@ApplicationScoped
public class CredentialCipher {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public CredentialCipher(ExtractorConfig config) {
        this(config.secrets().key().orElse(null));
    }

    /** {@code base64Key} null or blank: no key configured, {@link #encrypt} refuses. */
    public CredentialCipher(String base64Key) {
        this.key = base64Key == null || base64Key.isBlank() ? null : parse(base64Key.strip());
    }

    public boolean hasKey() {
        return key != null;
    }

    public byte[] encrypt(Secret secret, String migrationId, String field) {
        if (!Secret.present(secret)) {
            return null;
        }
        requireKey();
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(migrationId, field));
            byte[] sealed = cipher.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt " + field + ": " + e.getClass().getSimpleName());
        }
    }

    public Secret decrypt(byte[] stored, String migrationId, String field) {
        if (stored == null) {
            return null;
        }
        requireKey();
        if (stored.length < 1 + IV_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new CredentialException("the stored " + field + " of " + migrationId + " is not in a known format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, IV_BYTES));
            cipher.updateAAD(aad(migrationId, field));
            byte[] plain = cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
            return Secret.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // wrong key (rotated without re-encryption) or a tampered / moved value
            throw new CredentialException("the stored " + field + " of " + migrationId
                    + " cannot be decrypted with the configured key (key changed, or the value was altered)");
        }
    }

    /** Null stays null: a credential that was never given needs no key to be absent. */
    public Secret decryptIfPresent(byte[] stored, String migrationId, String field) {
        return stored == null ? null : decrypt(stored, migrationId, field);
    }

    private void requireKey() {
        if (key == null) {
            throw new CredentialException("no credential key is configured (extractor.secrets.key / "
                    + "EXTRACTOR_SECRETS_KEY), so credentials can be neither stored nor read");
        }
    }

    private static byte[] aad(String migrationId, String field) {
        return (migrationId + "\u0000" + field).getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKey parse(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // never echo the configured value
            throw new IllegalArgumentException("extractor.secrets.key is not valid base64");
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalArgumentException("extractor.secrets.key must decode to 16, 24 or 32 bytes, not "
                    + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** A credential that cannot be stored or read back. */
    public static final class CredentialException extends RuntimeException {
        public CredentialException(String message) {
            super(message);
        }
    }
}
