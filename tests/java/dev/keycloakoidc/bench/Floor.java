package dev.keycloakoidc.bench;

/** Case F, the floor: a Java main that does nothing, run through a copy of the charm's dispatch and runtime. */
public final class Floor {

    private Floor() {}

    public static void main(String[] args) {
        // nothing: what remains is the JVM's own start and exit
    }
}
