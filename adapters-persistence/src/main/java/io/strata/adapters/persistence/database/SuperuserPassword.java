package io.strata.adapters.persistence.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The embedded database's superuser password, made once per data directory and kept beside the cluster in
 * {@value #FILE}, readable by Strata's OS user only. The cluster asks every connection for it (see
 * {@link ClientAuthentication}): the library's clusters trust every local connection, so any user or process of the
 * machine could connect as the superuser, read and change every customer's data, and run programs as the server's OS
 * user ({@code copy … from program}).
 */
final class SuperuserPassword {

    static final String FILE = "pg-superuser-password";

    /** What a password made here looks like: 43 characters of base64url, so it is safe inside a SQL literal. */
    private static final Pattern MADE_HERE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private SuperuserPassword() {
    }

    /** The password kept in the data directory, if one is. */
    static Optional<String> kept(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String kept = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!MADE_HERE.matcher(kept).matches()) {
            throw new IOException(file + " does not hold a password Strata made (43 characters of A-Z, a-z, 0-9, _ and -)");
        }
        return Optional.of(kept);
    }

    /** The kept password, or a new one written (owner read and write only) when there is none. */
    static String keptOrMade(Path dataDirectory) throws IOException {
        Optional<String> kept = kept(dataDirectory);
        if (kept.isPresent()) {
            return kept.get();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String made = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path file = dataDirectory.resolve(FILE);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException another) {
            return kept(dataDirectory).orElseThrow(); // written meanwhile: the directory's lock makes this unlikely
        }
        Files.writeString(file, made + "\n", StandardCharsets.US_ASCII);
        return made;
    }
}
