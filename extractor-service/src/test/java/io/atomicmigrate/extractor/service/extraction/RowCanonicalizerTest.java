package io.atomicmigrate.extractor.service.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowCanonicalizerTest {

    private final RowCanonicalizer canonicalizer = new RowCanonicalizer();

    @Test
    void keysAreSortedAtEveryDepthAndNumbersStayExact() {
        CanonicalRow row = canonicalizer.canonical("deals", 7, """
                {"name": "Big deal", "amount": 12000, "discount_rate": 12.50, "id": 7,
                 "line_items": [{"unit_price": 10.10, "sku": "A"}], "quote_number": 9007199254740993}""");
        assertThat(RowCanonicalizer.text(row.row())).isEqualTo("{\"amount\":12000,\"discount_rate\":12.50,\"id\":7,"
                + "\"line_items\":[{\"sku\":\"A\",\"unit_price\":10.10}],\"name\":\"Big deal\","
                + "\"quote_number\":9007199254740993}");
        assertThat(row.hash()).hasSize(64).isEqualTo(RowCanonicalizer.hash(row.row()));
    }

    @Test
    void theSameContentHashesTheSameWhateverTheKeyOrderAndDifferentContentDiffers() {
        String a = canonicalizer.canonical("tags", 1, "{\"id\": 1, \"name\": \"vip\", \"color\": \"#fff\"}").hash();
        String b = canonicalizer.canonical("tags", 1, "{\"color\": \"#fff\", \"name\": \"vip\", \"id\": 1}").hash();
        String c = canonicalizer.canonical("tags", 1, "{\"color\": \"#fff\", \"name\": \"VIP\", \"id\": 1}").hash();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void legacyColumnsAreRenamedToTheCurrentShape() {
        CanonicalRow contact = canonicalizer.canonical("contacts", 3, """
                {"id": 3, "email": "Ann@Acme.com", "phone_1_number": "+1 415", "phone_1_type": "Work",
                 "phone_2_number": null, "phone_2_type": null}""");
        assertThat(RowCanonicalizer.text(contact.row())).isEqualTo("{\"email_jsonb\":[{\"email\":\"Ann@Acme.com\","
                + "\"type\":\"Other\"}],\"id\":3,\"phone_jsonb\":[{\"number\":\"+1 415\",\"type\":\"Work\"}]}");
        CanonicalRow company = canonicalizer.canonical("companies", 4, "{\"id\": 4, \"stateAbbr\": \"CA\"}");
        assertThat(RowCanonicalizer.text(company.row())).isEqualTo("{\"id\":4,\"state_abbr\":\"CA\"}");
    }
}
