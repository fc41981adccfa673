package io.texium.scheduler.users.control;

import io.texium.scheduler.platform.JsonFields;
import io.texium.scheduler.platform.JsonValues;
import io.texium.scheduler.problems.FieldProblem;
import io.texium.scheduler.problems.InvalidRequestException;
import io.texium.scheduler.users.entity.User;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The fields of a user create or update request, checked and applied to a {@link User}; the password is kept
 * apart, for hashing. Only the fields present are applied, so the same code serves a create and a partial update.
 */
public final class UserRequest {

    /** Fields a client may echo back from a GET; they are ignored, never written. */
    static final Set<String> READ_ONLY = Set.of("id", "_id", "user_id", "created_at", "updated_at");

    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 1024;
    static final int MAX_EMAIL = 254;
    static final int MAX_FULL_NAME = 200;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern EMAIL = Pattern.compile(ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")*");

    private final JsonObject body;
    private final List<FieldProblem> problems = new ArrayList<>();
    private String password;

    private UserRequest(JsonObject body) {
        this.body = body;
    }

    public static UserRequest of(String body) {
        return new UserRequest(JsonValues.object(body));
    }

    /** The new password, once {@link #applyTo} accepted it; null when the request does not set one. */
    public String password() {
        return password;
    }

    /** Applies the present fields; throws a 400 listing every field that is invalid or unknown. */
    public void applyTo(User user) {
        for (var entry : body.entrySet()) {
            String field = entry.getKey();
            JsonValue value = entry.getValue();
            if (READ_ONLY.contains(field)) {
                continue;
            }
            switch (field) {
                case "username" -> user.username(checked(field, JsonFields.text(field, value, true, problems), UserRequest::usernameProblem));
                case "email" -> {
                    String email = checked(field, JsonFields.text(field, value, true, problems), UserRequest::emailProblem);
                    user.email(email == null ? null : email.toLowerCase(Locale.ROOT));
                }
                case "full_name" -> user.fullName(checked(field, JsonFields.text(field, value, false, problems), UserRequest::fullNameProblem));
                case "role" -> user.role(checked(field, JsonFields.text(field, value, true, problems), UserRequest::roleProblem));
                case "is_active" -> {
                    switch (value.getValueType()) {
                        case TRUE -> user.active(true);
                        case FALSE -> user.active(false);
                        default -> problems.add(new FieldProblem(field, "must be true or false"));
                    }
                }
                case "password" -> {
                    if (value instanceof JsonString s) {
                        // not trimmed: every character of a password counts
                        password = checked(field, s.getString(), UserRequest::passwordProblem);
                    } else {
                        problems.add(new FieldProblem(field, "must be a string"));
                    }
                }
                default -> problems.add(new FieldProblem(field, "is not a user field"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    static String usernameProblem(String username) {
        return USERNAME.matcher(username).matches() ? null
                : "must be 3 to 64 characters, each a letter, a digit, '.', '_' or '-'";
    }

    static String emailProblem(String email) {
        if (email.length() > MAX_EMAIL) {
            return "must be at most " + MAX_EMAIL + " characters";
        }
        return EMAIL.matcher(email).matches() ? null : "must be an e-mail address such as name@example.com";
    }

    static String fullNameProblem(String fullName) {
        return fullName.length() <= MAX_FULL_NAME ? null : "must be at most " + MAX_FULL_NAME + " characters";
    }

    static String roleProblem(String role) {
        return User.ADMIN.equals(role) || User.USER.equals(role) ? null : "must be 'admin' or 'user'";
    }

    static String passwordProblem(String password) {
        if (password.length() < MIN_PASSWORD) {
            return "must be at least " + MIN_PASSWORD + " characters";
        }
        if (password.length() > MAX_PASSWORD) {
            return "must be at most " + MAX_PASSWORD + " characters";
        }
        return password.isBlank() ? "must not be blank" : null;
    }

    /** The value when its rule accepts it (or it is null); otherwise records the problem and answers null. */
    private String checked(String field, String value, Function<String, String> rule) {
        if (value == null) {
            return null;
        }
        String problem = rule.apply(value);
        if (problem != null) {
            problems.add(new FieldProblem(field, problem));
            return null;
        }
        return value;
    }
}
