package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a status names the scopes a realm lacks: a consumer may ask for anything, a status is one short line. */
class ScopeGrantsTest {

    @Test
    void oneScope() {
        assertEquals("realm kubeflow has no OpenID Connect client scope groups-x",
                ScopeGrants.describe("kubeflow", List.of("groups-x")));
    }

    @Test
    void severalScopes_showTheFirstThree_andCountTheRest() {
        assertEquals("realm kubeflow has no OpenID Connect client scopes a, b, c (+2 more)",
                ScopeGrants.describe("kubeflow", List.of("a", "b", "c", "d", "e")));
    }

    @Test
    void aLongName_isCutShort() {
        assertEquals("realm kubeflow has no OpenID Connect client scope " + "x".repeat(37) + "...",
                ScopeGrants.describe("kubeflow", List.of("x".repeat(10_000))));
    }
}
