package dev.drover.security.http;

import dev.drover.security.authz.Action;

/** What one REST request needs: an action on an object (for most routes, the request path). */
public record Permission(Action action, String object) {}
