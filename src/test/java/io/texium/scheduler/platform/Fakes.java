package io.texium.scheduler.platform;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Function;

/** Stand-ins for the interfaces a unit test must supply but whose methods it mostly does not call. */
public final class Fakes {

    private Fakes() {
    }

    /**
     * An implementation of {@code type} that answers the named methods with the given functions (of the call's
     * arguments) and fails on any other, so a test sees at once when the code reaches further than it expects.
     */
    @SuppressWarnings("unchecked")
    public static <T> T of(Class<T> type, Map<String, Function<Object[], Object>> methods) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            var answer = methods.get(method.getName());
            if (answer == null) {
                if (method.getName().equals("toString")) {
                    return "fake " + type.getSimpleName();
                }
                throw new UnsupportedOperationException("the fake " + type.getSimpleName() + " has no " + method.getName());
            }
            return answer.apply(args == null ? new Object[0] : args);
        });
    }
}
