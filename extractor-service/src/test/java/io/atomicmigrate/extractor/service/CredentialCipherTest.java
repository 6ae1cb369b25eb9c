package io.atomicmigrate.extractor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atomicmigrate.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final CredentialCipher cipher = new CredentialCipher(KEY);

    @Test
    void encryptsWithAFreshIvAndDecryptsBack() {
        byte[] a = cipher.encrypt(Secret.of("s3cret-pw"), "mig-1", "source.password");
        byte[] b = cipher.encrypt(Secret.of("s3cret-pw"), "mig-1", "source.password");
        assertThat(a).isNotEqualTo(b);
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret-pw");
        assertThat(cipher.decrypt(a, "mig-1", "source.password").reveal()).isEqualTo("s3cret-pw");
    }

    @Test
    void aValueMovedToAnotherMigrationOrFieldOrTamperedWithDoesNotDecrypt() {
        byte[] sealed = cipher.encrypt(Secret.of("token-123"), "mig-1", "destination.apiToken");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "mig-2", "destination.apiToken"))
                .isInstanceOf(CredentialCipher.CredentialException.class).hasMessageContaining("cannot be decrypted")
                .hasMessageNotContaining("token-123");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "mig-1", "source.password"))
                .isInstanceOf(CredentialCipher.CredentialException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, "mig-1", "destination.apiToken"))
                .isInstanceOf(CredentialCipher.CredentialException.class);
        CredentialCipher otherKey = new CredentialCipher(Base64.getEncoder().encodeToString(new byte[16]));
        byte[] fresh = cipher.encrypt(Secret.of("token-123"), "mig-1", "destination.apiToken");
        assertThatThrownBy(() -> otherKey.decrypt(fresh, "mig-1", "destination.apiToken"))
                .isInstanceOf(CredentialCipher.CredentialException.class);
    }

    @Test
    void withoutAKeyNothingIsStoredAndBadKeysAreNamedWithoutEchoingThem() {
        CredentialCipher none = new CredentialCipher((String) null);
        assertThat(none.hasKey()).isFalse();
        assertThat(none.encrypt(null, "m", "f")).isNull();
        assertThatThrownBy(() -> none.encrypt(Secret.of("pw"), "m", "f"))
                .hasMessageContaining("EXTRACTOR_SECRETS_KEY");
        assertThatThrownBy(() -> new CredentialCipher("not base64 !!"))
                .hasMessage("extractor.secrets.key is not valid base64");
        assertThatThrownBy(() -> new CredentialCipher(Base64.getEncoder().encodeToString(new byte[7])))
                .hasMessage("extractor.secrets.key must decode to 16, 24 or 32 bytes, not 7");
    }

    @Test
    void aSecretNeverShowsItsValueInToStringOrJsonAndMasksItInText() throws Exception {
        Secret s = Secret.of("hunter22");
        assertThat(s.toString()).isEqualTo("****");
        assertThat(Json.mapper().writeValueAsString(java.util.Map.of("password", s))).doesNotContain("hunter22");
        assertThat(Json.mapper().readValue("\"hunter22\"", Secret.class).reveal()).isEqualTo("hunter22");
        assertThat(Secret.mask("FATAL: bad password hunter22 for x", s)).isEqualTo("FATAL: bad password **** for x");
    }
}
