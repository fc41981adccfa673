package io.texium.scheduler.security.control;

import io.texium.scheduler.platform.Fakes;
import io.texium.scheduler.platform.RecordingEvent;
import io.texium.scheduler.security.entity.ApiToken;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** {@link ApiTokens} wired by hand over a list instead of MongoDB, answering the look-ups it makes. */
final class TokenStore {

    final List<ApiToken> stored = new ArrayList<>();

    ApiTokens tokens(Clock clock) {
        var tokens = new ApiTokens();
        tokens.clock = clock;
        tokens.events = new RecordingEvent<>();
        tokens.repository = repository();
        return tokens;
    }

    /** {@link Sessions} of the given length over the same list. */
    Sessions sessions(Clock clock, int minutes, RecordingEvent<SessionEvent> events) {
        var sessions = new Sessions();
        sessions.clock = clock;
        sessions.events = events;
        sessions.minutes = minutes;
        sessions.repository = repository();
        sessions.init();
        return sessions;
    }

    private ApiTokenRepository repository() {
        return Fakes.of(ApiTokenRepository.class, Map.of(
                "insert", args -> {
                    stored.add((ApiToken) args[0]);
                    return args[0];
                },
                "findById", args -> first(t -> t.id().equals(args[0])),
                "byTokenHash", args -> first(t -> t.tokenHash().equals(args[0])),
                "byUser", args -> stored.stream().filter(t -> t.userId().equals(args[0])).toList(),
                "update", args -> args[0]));
    }

    private Optional<ApiToken> first(Predicate<ApiToken> condition) {
        return stored.stream().filter(condition).findFirst();
    }
}
