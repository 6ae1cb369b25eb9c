package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The currencies {@code GET /v1/currencies} lists; deal, lead and monetary values must use one of
 * these codes (PIPEDRIVE.md 3.3). Pipedrive's own list is longer; this is the common subset.
 */
public final class Currencies {
    private static final String[][] LIST = {
            {"EUR", "Euro", "€"}, {"USD", "US Dollar", "$"}, {"GBP", "British Pound", "£"}, {"CHF", "Swiss Franc", "CHF"},
            {"SEK", "Swedish Krona", "kr"}, {"NOK", "Norwegian Krone", "kr"}, {"DKK", "Danish Krone", "kr"},
            {"PLN", "Polish Zloty", "zł"}, {"CZK", "Czech Koruna", "Kč"}, {"HUF", "Hungarian Forint", "Ft"},
            {"RON", "Romanian Leu", "lei"}, {"BGN", "Bulgarian Lev", "лв"}, {"CAD", "Canadian Dollar", "CA$"},
            {"AUD", "Australian Dollar", "A$"}, {"NZD", "New Zealand Dollar", "NZ$"}, {"JPY", "Japanese Yen", "¥"},
            {"CNY", "Chinese Yuan", "CN¥"}, {"HKD", "Hong Kong Dollar", "HK$"}, {"SGD", "Singapore Dollar", "S$"},
            {"INR", "Indian Rupee", "₹"}, {"BRL", "Brazilian Real", "R$"}, {"MXN", "Mexican Peso", "MX$"},
            {"ZAR", "South African Rand", "R"}, {"TRY", "Turkish Lira", "₺"}, {"ILS", "Israeli New Shekel", "₪"},
            {"AED", "UAE Dirham", "AED"}, {"KRW", "South Korean Won", "₩"}, {"UAH", "Ukrainian Hryvnia", "₴"}};

    private Currencies() {
    }

    public static boolean isKnown(String code) {
        for (String[] c : LIST) {
            if (c[0].equals(code)) {
                return true;
            }
        }
        return false;
    }

    public static List<ObjectNode> list(String term) {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < LIST.length; i++) {
            String[] c = LIST[i];
            if (term != null && !(c[0] + " " + c[1]).toLowerCase(Locale.ROOT).contains(term.toLowerCase(Locale.ROOT))) {
                continue;
            }
            out.add(Json.object().put("id", i + 1).put("code", c[0]).put("name", c[1])
                    .put("decimal_points", c[0].equals("JPY") || c[0].equals("KRW") || c[0].equals("HUF") ? 0 : 2)
                    .put("symbol", c[2]).put("active_flag", true).put("is_custom_flag", false));
        }
        return out;
    }
}
