package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTest {

    private static final Status FALLBACK = new Status.Active("ready");

    @Test
    void nothingCollected_isTheFallback() {
        assertEquals(FALLBACK, Status.reduce(List.of(), FALLBACK));
    }

    @Test
    void blockedBeatsMaintenanceBeatsWaitingBeatsActive() {
        Status active = new Status.Active("a");
        Status waiting = new Status.Waiting("w");
        Status maintenance = new Status.Maintenance("m");
        Status blocked = new Status.Blocked("b");
        assertEquals(blocked, Status.reduce(List.of(active, waiting, blocked, maintenance), FALLBACK));
        assertEquals(maintenance, Status.reduce(List.of(active, waiting, maintenance), FALLBACK));
        assertEquals(waiting, Status.reduce(List.of(waiting, active), FALLBACK));
        assertEquals(active, Status.reduce(List.of(active), FALLBACK));
    }

    @Test
    void amongEquals_theFirstWins_andTheOthersAreCounted() {
        Status reduced = Status.reduce(List.of(new Status.Waiting("w"), new Status.Blocked("first"),
                new Status.Blocked("second"), new Status.Blocked("third")), FALLBACK);
        assertEquals(new Status.Blocked("first (+2 more, see juju debug-log)"), reduced);
    }

    @Test
    void theSameProblemTwice_isNotCountedTwice() {
        assertEquals(new Status.Blocked("x"),
                Status.reduce(List.of(new Status.Blocked("x"), new Status.Blocked("x")), FALLBACK));
    }
}
