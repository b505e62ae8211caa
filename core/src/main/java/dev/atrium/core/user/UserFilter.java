package dev.atrium.core.user;

import org.jspecify.annotations.Nullable;

/** Admin search: each set field narrows the result; text fields match ignoring case. */
public record UserFilter(
    @Nullable String email,
    @Nullable String name,
    @Nullable String department,
    @Nullable String title,
    @Nullable String role,
    @Nullable UserStatus status,
    @Nullable AccountType accountType,
    @Nullable String location) {}
