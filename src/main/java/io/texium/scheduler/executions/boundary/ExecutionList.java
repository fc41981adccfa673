package io.texium.scheduler.executions.boundary;

import io.texium.scheduler.executions.control.ExecutionQueries;
import java.util.List;

/**
 * A page of executions as the API shows it: the paged-list envelope, plus whether the total is an estimate and the
 * keys for walking on ({@code before=next_before}, {@code after=next_after}).
 */
public record ExecutionList(boolean success, List<ExecutionView> data, long total, boolean totalEstimated, int page,
                            int pageSize, String nextBefore, String nextAfter) {

    static ExecutionList of(ExecutionQueries.Slice slice, boolean traces) {
        return new ExecutionList(true, slice.items().stream().map(e -> ExecutionView.of(e, traces)).toList(), slice.total(),
                slice.totalEstimated(), slice.page(), slice.pageSize(), slice.nextBefore(), slice.nextAfter());
    }
}
