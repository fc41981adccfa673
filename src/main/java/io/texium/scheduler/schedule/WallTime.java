package io.texium.scheduler.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * An aware Python {@code datetime} with a {@code zoneinfo} time zone, as APScheduler 3.11 sees it:
 * wall-clock fields plus PEP 495's {@code fold}. The wall time need not exist (a spring-forward
 * gap); its instant then follows PEP 495: fold 0 uses the offset before the transition, fold 1 the
 * offset after. In a repeated (fall-back) hour fold 0 is the first occurrence, fold 1 the second.
 */
record WallTime(LocalDateTime wall, int fold) {

    /** Python's {@code dt.timestamp()} for this wall time in {@code rules}. */
    long epochSecond(ZoneRules rules) {
        return wall.toEpochSecond(offset(rules));
    }

    ZoneOffset offset(ZoneRules rules) {
        List<ZoneOffset> valid = rules.getValidOffsets(wall);
        if (valid.size() == 1) {
            return valid.get(0);
        }
        ZoneOffsetTransition transition = rules.getTransition(wall);
        return fold == 0 ? transition.getOffsetBefore() : transition.getOffsetAfter();
    }

    /** Python's {@code datetime.fromtimestamp(ts, tz)} / {@code astimezone(tz)}: a normalized wall time with its fold. */
    static WallTime ofEpochSecond(long epochSecond, ZoneRules rules) {
        ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(epochSecond));
        LocalDateTime wall = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        ZoneOffsetTransition transition = rules.getTransition(wall);
        boolean second = transition != null && transition.isOverlap() && offset.equals(transition.getOffsetAfter());
        return new WallTime(wall, second ? 1 : 0);
    }
}
