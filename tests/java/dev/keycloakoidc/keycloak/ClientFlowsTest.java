package dev.keycloakoidc.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ClientFlows writes out equals and hashCode (see its comment): they must be a record's. */
class ClientFlowsTest {

    private static List<ClientFlows> everyCombination() {
        List<ClientFlows> all = new ArrayList<>();
        for (int bits = 0; bits < 16; bits++) {
            all.add(new ClientFlows((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0));
        }
        return all;
    }

    @Test
    void equalsHoldsExactlyWhenEveryFlowIsTheSame_andEqualFlowsHashAlike() {
        List<ClientFlows> all = everyCombination();
        List<ClientFlows> copies = everyCombination();
        for (int i = 0; i < all.size(); i++) {
            ClientFlows a = all.get(i);
            assertEquals(a, copies.get(i));
            assertEquals(a.hashCode(), copies.get(i).hashCode());
            for (int j = 0; j < copies.size(); j++) {
                if (i != j) {
                    assertNotEquals(a, copies.get(j), a + " and " + copies.get(j));
                }
            }
            assertNotEquals(a, null);
            assertNotEquals(a, (Object) a.toString());
        }
        assertEquals(16, new HashSet<>(all).size());
    }
}
