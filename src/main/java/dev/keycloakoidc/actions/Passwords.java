package dev.keycloakoidc.actions;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Generates user passwords: 24 characters with upper and lower case, digits and a symbol, so
 * common Keycloak password policies pass, and no character a shell or Dex would interpret
 * ({@code $}, quotes, backslash, spaces).
 */
final class Passwords {

    static final int LENGTH = 24;
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "-_.+";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    static String generate() {
        List<Character> chars = new ArrayList<>();
        for (String required : List.of(UPPER, LOWER, DIGITS, SYMBOLS)) {
            chars.add(pick(required));
        }
        String all = UPPER + LOWER + DIGITS + SYMBOLS;
        while (chars.size() < LENGTH) {
            chars.add(pick(all));
        }
        Collections.shuffle(chars, RANDOM);
        StringBuilder password = new StringBuilder(LENGTH);
        chars.forEach(password::append);
        return password.toString();
    }

    private static char pick(String from) {
        return from.charAt(RANDOM.nextInt(from.length()));
    }
}
