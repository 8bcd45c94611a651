package dev.keycloakoidc.juju;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Juju's three spellings of one secret, and the one the charm hands out. */
final class SecretUriTest {

    private static final String MODEL = "6f1e0b7a-1111-4000-8000-00000000abcd";
    private static final String ID = "d0sq9e7mp25c76ok2ds0";

    @ParameterizedTest
    @ValueSource(strings = {"secret:" + ID, "secret://" + MODEL + "/" + ID, ID, "secret:" + MODEL + "/" + ID, MODEL + "/" + ID})
    void everySpellingIsTheSameSecretInTheFullForm(String spelling) {
        SecretUri uri = SecretUri.parse(spelling);
        assertEquals(ID, uri.id());
        assertEquals("secret://" + MODEL + "/" + ID, uri.inModel(MODEL));
        assertTrue(SecretUri.same(spelling, "secret://" + MODEL + "/" + ID));
        assertTrue(SecretUri.same(ID, spelling));
    }

    @Test
    void aUriThatNamesItsModelKeepsIt() {
        String other = "secret://aaaaaaaa-0000-4000-8000-000000000000/" + ID;
        assertEquals(other, SecretUri.parse(other).inModel(MODEL));
    }

    @Test
    void withoutAModelUuidTheShortForm() {
        assertEquals("secret:" + ID, SecretUri.parse(ID).inModel(""));
    }

    @Test
    void differentIdsAreDifferentSecrets() {
        assertFalse(SecretUri.same("secret:" + ID, "secret:d0sq9e7mp25c76ok2ds1"));
        assertFalse(SecretUri.same(null, ID));
        assertFalse(SecretUri.same(ID, "not a secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "secret:", "secret:short", "secret:" + ID + "x", "secret//" + ID, "https://" + MODEL + "/" + ID,
            "secret://" + MODEL + "/" + ID + "/2",
            // Juju's ParseURI refuses a host that is no UUID, and its UUIDs are lowercase hex.
            "secret://" + ID, "secret://model/" + ID, "secret://6F1E0B7A-1111-4000-8000-00000000ABCD/" + ID})
    void anythingElseIsRefusedByName(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretUri.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void aConfigOptionOfTypeSecretHoldsAUriNotABareId() {
        assertTrue(SecretUri.isUri("secret:" + ID));
        assertTrue(SecretUri.isUri("secret://" + MODEL + "/" + ID));
        assertFalse(SecretUri.isUri(ID));
    }
}
