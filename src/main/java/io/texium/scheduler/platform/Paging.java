package io.texium.scheduler.platform;

import com.mongodb.client.model.Aggregates;
import java.util.List;
import org.bson.conversions.Bson;
import org.eclipse.jnosql.databases.mongodb.mapping.MongoDBTemplate;

/** Filtered, sorted, paged reads: one MongoDB filter serves both the page and its count. */
public final class Paging {

    private Paging() {
    }

    public static <T> Page<T> find(MongoDBTemplate template, Class<T> type, Bson filter, Bson sort, PageRequest request) {
        List<T> items = template.aggregate(type, List.of(
                Aggregates.match(filter),
                Aggregates.sort(sort),
                Aggregates.skip(request.skip()),
                Aggregates.limit(request.size()))).toList();
        long total = template.count(type, filter);
        return new Page<>(items, total, request.page(), request.size());
    }
}
