package io.texium.scheduler.platform;

import jakarta.nosql.AttributeConverter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Stores an entity's {@link Instant} as a BSON date: put {@code @Convert(InstantAsDate.class)} on every
 * {@code Instant} column. Without it JNoSQL writes java.time values as ISO strings (its {@code TemporalValueWriter}),
 * which neither sort nor compare as times in MongoDB and which the raw readers ({@code JobDocuments}, the execution
 * buckets) would not see as dates.
 */
public class InstantAsDate implements AttributeConverter<Instant, Date> {

    @Override
    public Date convertToDatabaseColumn(Instant attribute) {
        return attribute == null ? null : Date.from(attribute);
    }

    @Override
    public Instant convertToEntityAttribute(Date stored) {
        return stored == null ? null : stored.toInstant();
    }

    /**
     * The instant as a BSON date keeps it, to the millisecond. Entities hold their times so: what a write answers
     * is then what a later read answers, and two times compare in memory as they do in the store.
     */
    public static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
