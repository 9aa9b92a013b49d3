package io.strata.adapters.persistence.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
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

    /** What a password made here looks like: 43 characters of base64url (a damaged or foreign file is refused). */
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
        // written whole beside it, then moved into place: a crash in between leaves no empty password file
        Path written = Files.createTempFile(dataDirectory, FILE, ".new", ownerOnly());
        try {
            Files.writeString(written, made + "\n", StandardCharsets.US_ASCII);
            Files.move(written, dataDirectory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(written);
        }
        return made;
    }

    /** Read and write for Strata's OS user only, where the file system has POSIX permissions (every Linux one). */
    private static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
