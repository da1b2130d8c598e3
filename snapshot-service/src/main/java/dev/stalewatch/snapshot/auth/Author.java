package dev.stalewatch.snapshot.auth;

import jakarta.enterprise.context.RequestScoped;

/** The name of the token that authenticated the current request. */
@RequestScoped
public class Author {

    private String name;

    public String name() {
        if (name == null) {
            throw new IllegalStateException("no authenticated author on this request");
        }
        return name;
    }

    void set(String name) {
        this.name = name;
    }
}
