package io.texium.scheduler.users.entity;

import io.texium.scheduler.platform.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import java.time.Instant;
import org.eclipse.jnosql.databases.mongodb.mapping.ObjectIdConverter;

/** A user as stored in {@code users}: name, e-mail, role ({@code admin} or {@code user}), whether active, and a PBKDF2 password hash. */
// The role is a plain string because it is the container role name the authentication mechanism hands on.
@Entity("users")
public class User {

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    @Id
    @Convert(ObjectIdConverter.class)
    private String id;

    @Column("username")
    private String username;

    @Column("email")
    private String email;

    @Column("full_name")
    private String fullName;

    @Column("role")
    private String role;

    @Column("is_active")
    private boolean active;

    @Column("password_hash")
    private String passwordHash;

    @Column("created_at")
    @Convert(InstantAsDate.class)
    private Instant createdAt;

    @Column("updated_at")
    @Convert(InstantAsDate.class)
    private Instant updatedAt;


    public String id() {
        return id;
    }

    public User id(String id) {
        this.id = id;
        return this;
    }

    public String username() {
        return username;
    }

    public User username(String username) {
        this.username = username;
        return this;
    }

    public String email() {
        return email;
    }

    public User email(String email) {
        this.email = email;
        return this;
    }

    public String fullName() {
        return fullName;
    }

    public User fullName(String fullName) {
        this.fullName = fullName;
        return this;
    }

    public String role() {
        return role;
    }

    public User role(String role) {
        this.role = role;
        return this;
    }

    public boolean admin() {
        return ADMIN.equals(role);
    }

    public boolean active() {
        return active;
    }

    public User active(boolean active) {
        this.active = active;
        return this;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public User passwordHash(String passwordHash) {
        this.passwordHash = passwordHash;
        return this;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public User createdAt(Instant createdAt) {
        this.createdAt = InstantAsDate.stored(createdAt);
        return this;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public User updatedAt(Instant updatedAt) {
        this.updatedAt = InstantAsDate.stored(updatedAt);
        return this;
    }

    /** Never the hash: this string may end up in a log. */
    @Override
    public String toString() {
        return "User[" + id + ", " + username + ", " + role + (active ? "" : ", inactive") + "]";
    }
}
