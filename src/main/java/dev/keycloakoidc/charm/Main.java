package dev.keycloakoidc.charm;

/** Entry point: {@code dispatch} execs this for every hook and action. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(0);
    }
}
