package io.texium.scheduler.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import io.texium.scheduler.platform.DuplicateKeys;
import io.texium.scheduler.problems.ConflictException;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DuplicateKeyTest {

    static MongoWriteException insertFailure(int code, String message) {
        return new MongoWriteException(new WriteError(code, message, new BsonDocument()), new ServerAddress(), Set.of());
    }

    static MongoCommandException replaceFailure(int code, String message) {
        return new MongoCommandException(new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
                .append("errmsg", new BsonString(message)), new ServerAddress());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "E11000 duplicate key error collection: texium.users index: email dup key: { email: \"a@b.c\" }          | email is already taken",
            "E11000 duplicate key error collection: texium.users index: username dup key: { username: \"email\" }    | username is already taken",
            "E11000 duplicate key error                                                                            | username or email is already taken"})
    void a_duplicate_that_raced_past_the_checks_becomes_a_409_naming_the_field(String message, String expected) {
        for (RuntimeException cause : new RuntimeException[] {insertFailure(11000, message), replaceFailure(11000, message)}) {
            var wrapped = new IllegalStateException("JNoSQL wrapped it", cause);
            assertThat(Users.conflictOr(wrapped)).isInstanceOf(ConflictException.class).hasMessage(expected);
        }
    }

    @Test
    void other_failures_pass_through() {
        var other = insertFailure(121, "Document failed validation");
        assertThat(DuplicateKeys.in(other)).isFalse();
        assertThat(Users.conflictOr(other)).isSameAs(other);
        assertThat(DuplicateKeys.in(new RuntimeException("x"))).isFalse();
    }
}
