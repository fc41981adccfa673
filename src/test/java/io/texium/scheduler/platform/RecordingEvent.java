package io.texium.scheduler.platform;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A CDI {@link Event} for unit tests: keeps what was fired, in order, and hands each event to the observers a test
 * registers, synchronously, as the container would.
 */
public final class RecordingEvent<T> implements Event<T> {

    private final List<T> fired = new ArrayList<>();
    private final List<Consumer<? super T>> observers = new ArrayList<>();

    public RecordingEvent<T> observedBy(Consumer<? super T> observer) {
        observers.add(observer);
        return this;
    }

    public List<T> fired() {
        return fired;
    }

    @Override
    public void fire(T event) {
        fired.add(event);
        observers.forEach(observer -> observer.accept(event));
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
        throw new UnsupportedOperationException("no asynchronous events in unit tests");
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        throw new UnsupportedOperationException("no asynchronous events in unit tests");
    }

    @Override
    public Event<T> select(Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }
}
