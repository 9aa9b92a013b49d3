package io.strata.adapters.persistence.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One Strata at a time on a data directory. A second Strata started on the directory of a running one (a second
 * terminal, a service started twice) took the first one's PostgreSQL for a server orphaned by a killed run and asked it
 * to shut down; a server shutting down refuses every new connection, so the Strata still running on it lost its
 * database bit by bit while the second one waited a minute and gave up. Now the second one is refused at once and the
 * first one is not touched.
 *
 * <p>The lock is the operating system's ({@link FileChannel#tryLock()}, fcntl on Linux) on {@value #FILE} in the data
 * directory, held from before the cluster is looked at until the server has stopped: it goes with its process however
 * that ends (kill -9 included), so a server still running on a directory nobody holds is an orphan, which
 * {@link EmbeddedPostgresServer} stops as before. The holder's pid is written into the file for the message. The
 * cluster's own lock of the embedding library ({@value #LIBRARY_LOCK} in the cluster) is looked at too: a Strata of a
 * version before this lock, or another program embedding the same library, holds that one only.
 */
final class DataDirectoryLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryLock.class);

    static final String FILE = "strata.lock";

    /** zonky's lock file, which its EmbeddedPostgres holds in the cluster while it runs the server. */
    static final String LIBRARY_LOCK = "epg-lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the directory for this process, or refuses it ({@link EmbeddedClusterRefused}) when another process, or
     * another server of this one, holds it. On a file system without locks it warns and goes on unlocked, as before.
     */
    static DataDirectoryLock take(Path dataDirectory, Path cluster) throws IOException {
        Files.createDirectories(dataDirectory);
        FileChannel channel = FileChannel.open(dataDirectory.resolve(FILE),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw EmbeddedClusterRefused.inUse(dataDirectory, holder(channel));
            }
            if (heldByAnother(cluster.resolve(LIBRARY_LOCK))) {
                lock.release();
                throw EmbeddedClusterRefused.inUse(dataDirectory, Optional.empty());
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new DataDirectoryLock(channel, lock);
        } catch (UnlockableFiles e) {
            log.warn("{} cannot be locked ({}): a second Strata started on this directory would not be noticed",
                    dataDirectory.resolve(FILE), e.getMessage());
            channel.close();
            return new DataDirectoryLock(null, null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The lock, or null when someone holds it: another process, or this one (a second server on the directory). */
    private static FileLock tryLock(FileChannel channel) throws UnlockableFiles {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null;
        } catch (IOException e) {
            throw new UnlockableFiles(e.getMessage());
        }
    }

    /** Whether another process holds the library's lock of the cluster (looked at, and let go at once if free). */
    private static boolean heldByAnother(Path libraryLock) throws IOException {
        if (!Files.exists(libraryLock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(libraryLock, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException heldHere) {
            return true;
        } catch (IOException unlockable) {
            return false;
        }
    }

    /** The pid the holder wrote, when it wrote one (reading is not locked: the lock is advisory). */
    private static Optional<Long> holder(FileChannel channel) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(24);
            channel.read(bytes, 0);
            String written = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).strip();
            return written.matches("[0-9]{1,19}") ? Optional.of(Long.parseLong(written)) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Lets the directory go (the file stays: removing it could part two later Stratas onto two files). */
    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            log.warn("{} could not be let go: {}", FILE, e.getMessage());
        }
    }

    /** The file system refused to lock at all (some network file systems). */
    private static final class UnlockableFiles extends IOException {
        UnlockableFiles(String message) {
            super(message);
        }
    }
}
