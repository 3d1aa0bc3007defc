package dev.paperrec.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of test values drawn from a seeded random source, so a whole campaign replays from its seed.
 * Deliberately small: values, choices, weights, lists and strings are all the bad-input campaign needs.
 */
@FunctionalInterface
interface Gen<T> {

    T next(SplittableRandom random);

    default <U> Gen<U> map(Function<? super T, ? extends U> f) {
        return r -> f.apply(next(r));
    }

    default <U> Gen<U> flatMap(Function<? super T, Gen<? extends U>> f) {
        return r -> f.apply(next(r)).next(r);
    }

    default Gen<T> filter(Predicate<? super T> keep) {
        return r -> {
            for (int attempt = 0; attempt < 10_000; attempt++) {
                T value = next(r);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("The filter rejects almost every generated value");
        };
    }

    default Gen<List<T>> list(int min, int max) {
        return r -> {
            int size = min + r.nextInt(max - min + 1);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(r));
            }
            return values;
        };
    }

    static <T> Gen<T> just(T value) {
        return r -> value;
    }

    static <T> Gen<T> of(List<? extends T> values) {
        List<? extends T> copy = List.copyOf(values);
        return r -> copy.get(r.nextInt(copy.size()));
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return r -> gens[r.nextInt(gens.length)].next(r);
    }

    /** A choice between generators in proportion to their weights. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
    }

    static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        int total = 0;
        for (Weighted<? extends T> choice : choices) {
            total += choice.weight();
        }
        int sum = total;
        return r -> {
            int pick = r.nextInt(sum);
            for (Weighted<? extends T> choice : choices) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().next(r);
                }
            }
            throw new IllegalStateException("unreachable");
        };
    }

    static Gen<Integer> ints(int min, int max) {
        return r -> min + r.nextInt(max - min + 1);
    }

    static Gen<Long> longs(long min, long max) {
        return r -> r.nextLong(min, max + 1);
    }

    /** Strings of chars in {@code [from, to]}, of a length in {@code [min, max]}. */
    static Gen<String> strings(char from, char to, int min, int max) {
        return r -> {
            int length = min + r.nextInt(max - min + 1);
            StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                s.append((char) (from + r.nextInt(to - from + 1)));
            }
            return s.toString();
        };
    }

    /** Any UTF-16 code units at all: control characters, lone surrogates, non-characters. */
    static Gen<String> anyChars(int min, int max) {
        return strings('\u0000', '\uffff', min, max);
    }

    static Gen<String> alpha(int min, int max) {
        Gen<String> lower = strings('a', 'z', min, max);
        return r -> {
            String s = lower.next(r);
            return r.nextBoolean() ? s.toUpperCase(java.util.Locale.ROOT) : s;
        };
    }

    static Gen<String> alphaNumeric(int min, int max) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return r -> {
            int length = min + r.nextInt(max - min + 1);
            StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                s.append(chars.charAt(r.nextInt(chars.length())));
            }
            return s.toString();
        };
    }

    static Gen<byte[]> bytes(int min, int max) {
        return r -> {
            byte[] b = new byte[min + r.nextInt(max - min + 1)];
            r.nextBytes(b);
            return b;
        };
    }
}
