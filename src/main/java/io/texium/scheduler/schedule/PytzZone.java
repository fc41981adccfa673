package io.texium.scheduler.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A port of pytz's {@code DstTzInfo} over {@code java.time} rules: the time zone object that
 * APScheduler 3.9/3.10 work with. Only the operations the cron trigger uses are ported:
 * {@code fromutc} (also behind {@code astimezone} and {@code normalize}) and
 * {@code localize(dt, is_dst=False)}.
 *
 * <p>{@code localize} with {@code is_dst=False}, literally as pytz 2022.7 does it:
 * <ul>
 *   <li>the candidate offsets are the ones in force at {@code dt - 1 day} and {@code dt + 1 day}
 *       (pytz bisects its UTC transition list with the local value); a candidate counts if the
 *       wall time read back through it is {@code dt};</li>
 *   <li>one candidate: that one;</li>
 *   <li>none ({@code dt} is in a spring-forward gap): {@code localize(dt - 6h) + 6h}, i.e. the wall
 *       time {@code dt} with the offset in force before the gap, not normalized (New York
 *       2024-03-10 02:30 becomes 02:30-05:00, the instant 03:30 EDT);</li>
 *   <li>two ({@code dt} is in a repeated hour): the one whose {@code dst()} is zero; if both or
 *       neither, the later instant. In ordinary zones the standard-time offset is the one after
 *       the fall-back, so the second occurrence wins (New York 2024-11-03 01:30 becomes 01:30 EST).</li>
 * </ul>
 *
 * <p>pytz's {@code dst()} comes from the tzfile's isdst flags, which are compiled from the main
 * ("vanguard") tzdata format. Java's tzdb is compiled from the "rearguard" format, which rewrites
 * negative DST as positive DST with a lower standard offset. So in the periods where tzdata uses
 * negative DST the two disagree about which offset is standard time, and pytz then picks the
 * first occurrence of a repeated hour: Europe/Dublin and Eire (IST +01:00 is standard since
 * 1968-10-27, winter GMT is negative DST since 1971; 2024-10-27 01:30 becomes 01:30 IST),
 * Africa/Casablanca and Africa/El_Aaiun since 2018-10-28 (+01 standard, Ramadan +00 negative
 * DST), Africa/Windhoek since 1990 (CAT standard, the WAT winters 1994..2017 negative DST) and
 * Europe/Prague with its link Europe/Bratislava in the winter 1946/47. {@link #NEGATIVE_DST}
 * lists those periods (aligned with the tzfile's transitions); there pytz's dst() is non-zero
 * exactly where Java's is zero. Lord Howe's 30-minute DST needs nothing special (+11:00 has
 * dst() 0:30, +10:30 has 0, in both). Checked against pytz 2022.7.1 on Debian's tzdata 2025b for
 * every zone and every transition 1970..2037 (wall times at and inside each gap and overlap).
 *
 * <p>Not ported, knowingly: pytz reads only the 32-bit part of the tzfile, whose transitions end in
 * 2037; from 2038 on it applies the last offset for ever (no DST at all). We keep applying the
 * zone's rules. pytz also rounds offsets to whole minutes (only pre-1972 local mean times such as
 * Monrovia's -00:44:30 are affected); we keep the exact offsets.
 */
final class PytzZone {

    /** Zone id to [from, to) epoch seconds in which tzdata's main format uses negative DST. */
    private static final Map<String, long[]> NEGATIVE_DST;

    static {
        long dublin = Instant.parse("1968-10-26T23:00:00Z").getEpochSecond();
        long morocco = Instant.parse("2018-10-28T02:00:00Z").getEpochSecond();
        long[] prague = {Instant.parse("1946-12-01T02:00:00Z").getEpochSecond(), Instant.parse("1947-02-23T02:00:00Z").getEpochSecond()};
        NEGATIVE_DST = Map.of(
                "Europe/Dublin", new long[] {dublin, Long.MAX_VALUE},
                "Eire", new long[] {dublin, Long.MAX_VALUE},
                "Africa/Casablanca", new long[] {morocco, Long.MAX_VALUE},
                "Africa/El_Aaiun", new long[] {morocco, Long.MAX_VALUE},
                // Rearguard makes WAT +01:00 standard from independence on, and CAT permanent DST since 2017.
                "Africa/Windhoek", new long[] {Instant.parse("1990-03-20T22:00:00Z").getEpochSecond(), Long.MAX_VALUE},
                "Europe/Prague", prague,
                "Europe/Bratislava", prague);
    }

    private static final long SIX_HOURS = 6 * 3600;
    private static final long ONE_DAY = 24 * 3600;

    private final ZoneRules rules;
    private final long[] negativeDst;

    PytzZone(ZoneId zone) {
        this.rules = zone.getRules();
        this.negativeDst = NEGATIVE_DST.get(zone.getId());
    }

    /** {@code tz.fromutc(utc)}: the normalized wall time of an instant. */
    WallTime fromUtc(long epochSecond) {
        ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(epochSecond));
        return new WallTime(LocalDateTime.ofEpochSecond(epochSecond, 0, offset), offset);
    }

    /** {@code tz.normalize(dt)}. */
    WallTime normalize(WallTime dt) {
        return fromUtc(dt.epochSecond());
    }

    /** {@code tz.localize(dt, is_dst=False)} for a naive wall time with whole seconds. */
    WallTime localize(LocalDateTime dt) {
        List<WallTime> possible = new ArrayList<>(2);
        for (long delta : new long[] {-ONE_DAY, ONE_DAY}) {
            // pytz bisects the UTC transition times with a local value: the offset "at" dt +- 1 day read as UTC.
            ZoneOffset candidate = rules.getOffset(Instant.ofEpochSecond(dt.toEpochSecond(ZoneOffset.UTC) + delta));
            WallTime loc = normalize(new WallTime(dt, candidate));
            if (loc.wall().equals(dt) && possible.stream().noneMatch(p -> p.epochSecond() == loc.epochSecond())) {
                possible.add(loc);
            }
        }
        if (possible.size() == 1) {
            return possible.get(0);
        }
        if (possible.isEmpty()) {
            WallTime earlier = localize(dt.minusSeconds(SIX_HOURS));
            return new WallTime(earlier.wall().plusSeconds(SIX_HOURS), earlier.offset());
        }
        List<WallTime> filtered = possible.stream().filter(p -> !isDst(p)).toList();
        if (filtered.size() == 1) {
            return filtered.get(0);
        }
        if (filtered.isEmpty()) {
            filtered = possible;
        }
        WallTime latest = filtered.get(0);
        for (WallTime p : filtered) {
            if (p.epochSecond() > latest.epochSecond()) {
                latest = p;
            }
        }
        return latest;
    }

    /**
     * For a wall time inside a repeated (fall-back) hour: the instant at which the second pass of
     * that hour ends; otherwise the instant of {@code dt} itself.
     */
    long endOfRepeatedHour(WallTime dt) {
        ZoneOffsetTransition transition = rules.getTransition(dt.wall());
        if (transition == null || !transition.isOverlap()) {
            return dt.epochSecond();
        }
        return transition.getDateTimeBefore().toEpochSecond(transition.getOffsetAfter());
    }

    /** Whether pytz's {@code dst()} of the (normalized) wall time is non-zero. */
    private boolean isDst(WallTime normalized) {
        long epochSecond = normalized.epochSecond();
        boolean javaDst = rules.isDaylightSavings(Instant.ofEpochSecond(epochSecond));
        boolean negative = negativeDst != null && epochSecond >= negativeDst[0] && epochSecond < negativeDst[1];
        return negative != javaDst;
    }
}
