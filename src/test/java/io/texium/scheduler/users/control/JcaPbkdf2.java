package io.texium.scheduler.users.control;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * {@link Pbkdf2PasswordHash} as Jakarta Security specifies it, on the JDK's own PBKDF2 (what the server's
 * implementation calls too): the parameters by their specified names and defaults, and the stored form
 * {@code algorithm:iterations:base64(salt):base64(hash)}. It counts the hashes it computes; a {@link #fast()} one
 * writes the iterations it is told but computes only one, for tests that hash often and time nothing.
 */
final class JcaPbkdf2 implements Pbkdf2PasswordHash {

    private static final SecureRandom RANDOM = new SecureRandom();

    final AtomicInteger computed = new AtomicInteger();
    private boolean fast;
    private String algorithm = "PBKDF2WithHmacSHA256";
    private int iterations = 2048;

    static JcaPbkdf2 fast() {
        var hash = new JcaPbkdf2();
        hash.fast = true;
        return hash;
    }

    @Override
    public void initialize(Map<String, String> parameters) {
        algorithm = parameters.getOrDefault("Pbkdf2PasswordHash.Algorithm", algorithm);
        iterations = Integer.parseInt(parameters.getOrDefault("Pbkdf2PasswordHash.Iterations", Integer.toString(iterations)));
    }

    @Override
    public String generate(char[] password) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        var base64 = Base64.getEncoder();
        return algorithm + ":" + iterations + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(pbkdf2(password, salt, algorithm, iterations));
    }

    @Override
    public boolean verify(char[] password, String hashedPassword) {
        String[] parts = hashedPassword.split(":");
        var base64 = Base64.getDecoder();
        byte[] expected = base64.decode(parts[3]);
        return MessageDigest.isEqual(expected, pbkdf2(password, base64.decode(parts[2]), parts[0], Integer.parseInt(parts[1])));
    }

    private byte[] pbkdf2(char[] password, byte[] salt, String algorithm, int iterations) {
        computed.incrementAndGet();
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password, salt, fast ? 1 : iterations, 256))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
