package dev.paperrec.user;

/** Fired after a user's data was erased, so in-memory models and caches forget them too. */
public record UserErased(String userId) {
}
