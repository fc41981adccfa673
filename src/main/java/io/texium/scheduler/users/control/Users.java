package io.texium.scheduler.users.control;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.texium.scheduler.access.Caller;
import io.texium.scheduler.audit.control.Auditable;
import io.texium.scheduler.platform.DuplicateKeys;
import io.texium.scheduler.platform.Ids;
import io.texium.scheduler.platform.MongoStore;
import io.texium.scheduler.platform.Page;
import io.texium.scheduler.platform.PageRequest;
import io.texium.scheduler.problems.ConflictException;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.ForbiddenException;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.problems.NotFoundException;
import io.texium.scheduler.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;

/**
 * Creates and changes users under the rights of the caller, and checks their passwords: an admin manages
 * everyone; a user reads and changes only their own record, and never their name, role or whether they are
 * active. Account administration (creating a user, changing a role, an active flag or a password) needs the
 * caller's password, never an API token, so a leaked token cannot make itself an admin or keep an account. Passwords
 * are kept only as PBKDF2 hashes ({@link Passwords}); every change is audited. {@link UserDeletion} removes users.
 */
@ApplicationScoped
public class Users {

    static final String INITIAL_ADMIN = "admin";
    /** How a refusal to a token names what needed the password; the caller completes the parenthesis. */
    static final String ACCOUNT_ADMINISTRATION = "account administration (";
    private static final Pattern DUPLICATE_INDEX = Pattern.compile("index: (\\w+)");

    @Inject
    UserRepository repository;

    @Inject
    UserQueries queries;

    @Inject
    Passwords passwords;

    @Inject
    InactiveUsers inactive;

    @Inject
    MongoStore store;

    @Inject
    Caller caller;

    @Inject
    Event<UserEvent> events;

    @Inject
    Event<PasswordReset> resets;

    @Inject
    Clock clock;

    private volatile String unknownUserHash;

    /**
     * The stored id of an existing user, for naming an owner: the id as the store has it, or a 400 on
     * {@code field} when no user has it.
     */
    public String existingId(String field, String userId) {
        return findById(userId).map(User::id)
                .orElseThrow(() -> new InvalidRequestException(field, "no user has the id '" + userId + "'"));
    }

    /** The user with this id, whoever asks: for authentication, not for answering a request. */
    public Optional<User> findById(String userId) {
        if (userId == null || !ObjectId.isValid(userId)) {
            return Optional.empty();
        }
        return repository.findById(userId.toLowerCase());
    }

    /** Whether the user exists and is an administrator. */
    public boolean isAdmin(String userId) {
        return userId != null && findById(userId).map(User::admin).orElse(false);
    }

    public Optional<User> findByUsername(String username) {
        return username == null ? Optional.empty() : repository.byUsername(username);
    }

    /**
     * Whether the password is the user's. A wrong password costs at least one hash at today's settings for every
     * name, known or not, with an old hash or a new one: the time of an answer tells nothing about the name. A right
     * password checked against a hash made with older, weaker settings replaces that hash, in the store and in
     * {@code user}, by one made with today's; the replacement is written only while the old hash is still the stored
     * one, so a password changed meanwhile is never overwritten with the old one. It is not audited: the password
     * stays the same.
     */
    public boolean verify(User user, char[] password) {
        if (user == null || user.passwordHash() == null) {
            passwords.verify(password, unknownUserHash());
            return false;
        }
        String stored = user.passwordHash();
        boolean matches = passwords.verify(password, stored);
        if (!Passwords.current(stored)) {
            if (matches) {
                upgrade(user, password);
            } else {
                passwords.verify(password, unknownUserHash());
            }
        }
        return matches;
    }

    private void upgrade(User user, char[] password) {
        String old = user.passwordHash();
        String renewed = passwords.hash(password);
        var replaced = store.database().getCollection(UserQueries.COLLECTION).updateOne(
                Filters.and(Filters.eq("_id", new ObjectId(user.id())), Filters.eq("password_hash", old)),
                Updates.set("password_hash", renewed));
        if (replaced.getModifiedCount() == 1) {
            user.passwordHash(renewed);
        }
    }

    /** The user, if the caller may see them (themselves, or anyone for an admin); otherwise 404. */
    public User find(String userId) {
        User user = repository.findById(Ids.require("user", userId)).orElseThrow(() -> new NotFoundException("user", userId));
        caller.requireVisible(user.id(), "user", userId);
        return user;
    }

    /** All users matching for an admin; for a user, their own record at most. */
    public Page<User> list(String role, Boolean active, PageRequest page) {
        String only = caller.admin() ? null : caller.id();
        return queries.list(new UserQueries.Filter(only, role, active), page);
    }

    public User create(UserRequest request) {
        caller.requireAdmin();
        caller.requirePassword(ACCOUNT_ADMINISTRATION + "creating a user)");
        Instant now = clock.instant();
        User user = new User().id(Ids.newId()).role(User.USER).active(true).createdAt(now);
        request.applyTo(user);
        requireComplete(user, request.password());
        requireUnique(user);
        user.passwordHash(passwords.hash(request.password().toCharArray())).updatedAt(now);
        events.fire(new UserEvent(UserEvent.Kind.ADDED, user, Auditable.diff(null, UserSnapshot.of(user))));
        try {
            repository.insert(user);
        } catch (RuntimeException e) {
            throw conflictOr(e);
        }
        inactive.stored(user);
        return user;
    }

    /**
     * Partial: only the fields given change. An admin who sets another user's password also revokes that user's API
     * tokens ({@link PasswordReset}), before the new password is stored; deactivating a user stops their jobs
     * ({@link InactiveUsers}), after the change is stored.
     */
    public User update(String userId, UserRequest request) {
        User user = find(userId);
        Map<String, Object> before = UserSnapshot.of(user);
        request.applyTo(user);
        String forbidden = UserSnapshot.adminOnlyChange(before, UserSnapshot.of(user));
        if (forbidden != null && !caller.admin()) {
            throw new ForbiddenException("only an admin may change " + forbidden);
        }
        String account = request.password() != null ? "password"
                : UserSnapshot.accountChange(before, UserSnapshot.of(user));
        if (account != null) {
            caller.requirePassword(ACCOUNT_ADMINISTRATION + "changing " + account + ")");
        }
        boolean wasAdmin = User.ADMIN.equals(before.get("role")) && Boolean.TRUE.equals(before.get("is_active"));
        if (wasAdmin && !(user.admin() && user.active()) && queries.otherActiveAdmins(user.id()) == 0) {
            throw new ConflictException("user '" + user.username() + "' is the last active admin; make another user an admin first");
        }
        requireUnique(user);
        if (request.password() != null) {
            user.passwordHash(passwords.hash(request.password().toCharArray()));
        }
        user.updatedAt(clock.instant());
        var changes = Auditable.diff(before, UserSnapshot.of(user));
        if (!changes.isEmpty()) {
            events.fire(new UserEvent(UserEvent.Kind.MODIFIED, user, changes));
        }
        if (request.password() != null && !user.id().equals(caller.id())) {
            resets.fire(new PasswordReset(user.id()));
        }
        try {
            repository.update(user);
        } catch (RuntimeException e) {
            throw conflictOr(e);
        }
        inactive.stored(user);
        return user;
    }

    /**
     * Creates the user {@value #INITIAL_ADMIN} (role admin, e-mail admin@localhost) when there is no user at all.
     *
     * @return whether it did; false also when another instance did it at the same moment
     * @throws IllegalArgumentException when the password breaks the password rules
     */
    public boolean createInitialAdmin(String password) {
        if (!queries.none()) {
            return false;
        }
        String problem = password == null ? "is required" : UserRequest.passwordProblem(password);
        if (problem != null) {
            throw new IllegalArgumentException("the initial admin password " + problem);
        }
        Instant now = clock.instant();
        User admin = new User().id(Ids.newId()).username(INITIAL_ADMIN).email("admin@localhost").role(User.ADMIN)
                .active(true).passwordHash(passwords.hash(password.toCharArray())).createdAt(now).updatedAt(now);
        try {
            repository.insert(admin);
        } catch (RuntimeException e) {
            if (DuplicateKeys.in(e)) {
                return false;
            }
            throw e;
        }
        // audited once it is sure to be ours: several instances may race to create it
        events.fire(new UserEvent(UserEvent.Kind.ADDED, admin, Auditable.diff(null, UserSnapshot.of(admin))));
        return true;
    }

    private static void requireComplete(User user, String password) {
        List<FieldProblem> problems = new ArrayList<>();
        if (user.username() == null) {
            problems.add(new FieldProblem("username", "is required"));
        }
        if (user.email() == null) {
            problems.add(new FieldProblem("email", "is required"));
        }
        if (password == null) {
            problems.add(new FieldProblem("password", "is required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private void requireUnique(User user) {
        if (repository.byUsername(user.username()).filter(other -> !other.id().equals(user.id())).isPresent()) {
            throw new ConflictException("username '" + user.username() + "' is already taken");
        }
        if (repository.byEmail(user.email()).filter(other -> !other.id().equals(user.id())).isPresent()) {
            throw new ConflictException("email '" + user.email() + "' is already taken");
        }
    }

    /**
     * A duplicate that raced past {@link #requireUnique} becomes the same 409, naming the index that caught it. An
     * insert reports a MongoWriteException, an update (a findAndModify) a MongoCommandException: both carry the code.
     */
    static RuntimeException conflictOr(RuntimeException e) {
        if (!DuplicateKeys.in(e)) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher index = DUPLICATE_INDEX.matcher(String.valueOf(t.getMessage()));
            if (index.find() && (index.group(1).startsWith("username") || index.group(1).startsWith("email"))) {
                return new ConflictException((index.group(1).startsWith("email") ? "email" : "username") + " is already taken");
            }
        }
        return new ConflictException("username or email is already taken");
    }

    /** A hash at today's settings that no password was made for: checking an unknown user costs as long as a real one. */
    private String unknownUserHash() {
        if (unknownUserHash == null) {
            unknownUserHash = passwords.hash("unknown-user-placeholder".toCharArray());
        }
        return unknownUserHash;
    }
}
