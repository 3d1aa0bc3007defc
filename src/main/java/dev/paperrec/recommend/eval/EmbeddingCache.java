package dev.paperrec.recommend.eval;

import dev.paperrec.recommend.content.TextEmbedder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Embeddings of texts kept in a local file keyed by the SHA-256 of the text, so that repeated evaluations embed
 * each title once (the model needs about 2 ms a title). The file is only appended to.
 */
final class EmbeddingCache {

    private static final int BATCH = 256;

    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();

    EmbeddingCache(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file);
                 DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16))) {
                while (true) {
                    String key;
                    try {
                        key = data.readUTF();
                    } catch (EOFException end) {
                        break;
                    }
                    float[] v = new float[data.readShort()];
                    for (int d = 0; d < v.length; d++) {
                        v[d] = data.readFloat();
                    }
                    vectors.put(key, v);
                }
            }
        }
    }

    /** Embeddings of all texts, computing and storing the missing ones. */
    List<float[]> embed(List<String> texts) throws IOException {
        List<String> keys = texts.stream().map(EmbeddingCache::key).toList();
        List<String> missing = new ArrayList<>();
        Map<String, String> missingKeys = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!vectors.containsKey(keys.get(i)) && missingKeys.putIfAbsent(keys.get(i), texts.get(i)) == null) {
                missing.add(texts.get(i));
            }
        }
        if (!missing.isEmpty()) {
            System.out.printf("Embedding %d texts (cached: %d)%n", missing.size(), vectors.size());
            TextEmbedder embedder = new TextEmbedder();
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                 DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16))) {
                for (int from = 0; from < missing.size(); from += BATCH) {
                    List<String> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
                    List<float[]> embedded = embedder.embedAll(batch);
                    for (int i = 0; i < batch.size(); i++) {
                        String key = key(batch.get(i));
                        float[] v = embedded.get(i);
                        vectors.put(key, v);
                        data.writeUTF(key);
                        data.writeShort(v.length);
                        for (float f : v) {
                            data.writeFloat(f);
                        }
                    }
                    data.flush();
                }
            }
        }
        return keys.stream().map(vectors::get).toList();
    }

    private static String key(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
