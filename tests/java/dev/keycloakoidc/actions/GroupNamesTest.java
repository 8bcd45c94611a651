package dev.keycloakoidc.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The names the user actions accept; ActionValidationTest has the ones they refuse. */
class GroupNamesTest {

    @Test
    void namesAreTrimmed_keptInOrder_andAGivenTwiceCountsOnce() {
        assertEquals(new GroupNames.Valid(List.of("ml-team", "admins")), GroupNames.parse(" ml-team , admins,ml-team"));
    }

    @Test
    void anEmptyParameter_isNoGroups() {
        assertEquals(new GroupNames.Valid(List.of()), GroupNames.parse(""));
        assertEquals(new GroupNames.Valid(List.of()), GroupNames.parse("  "));
    }

    @Test
    void spacesInside_nonAsciiAndPunctuation_areKeycloaksToAccept() {
        assertEquals(new GroupNames.Valid(List.of("ML Team", "équipe", "a~b", "x?y#z", "g".repeat(255))),
                GroupNames.parse("ML Team,équipe,a~b,x?y#z," + "g".repeat(255)));
    }

    /** A message shows a name of up to 40 characters whole, and cuts a longer one to 37 and "...". */
    @Test
    void aRefusedName_isShownWhole_upToFortyCharacters() {
        String forty = "a/" + "b".repeat(38);
        assertEquals(new GroupNames.Invalid("group '" + forty + "' contains '/', which Keycloak reads as a path to a "
                + "subgroup: pass names of top-level groups"), GroupNames.parse(forty));
        String fortyOne = forty + "b";
        assertEquals(new GroupNames.Invalid("group '" + fortyOne.substring(0, 37) + "...' contains '/', which Keycloak "
                + "reads as a path to a subgroup: pass names of top-level groups"), GroupNames.parse(fortyOne));
    }

    @Test
    void theSameNameTwice_inTheSameCase_isNoConflict() {
        assertEquals(new GroupNames.Valid(List.of("Admins")), GroupNames.parse("Admins,Admins"));
    }
}
