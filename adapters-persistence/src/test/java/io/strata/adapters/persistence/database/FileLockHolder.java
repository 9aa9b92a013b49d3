package io.strata.adapters.persistence.database;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Run in a child JVM: locks the file it is given, prints "held", and keeps the lock until its standard input closes. */
public final class FileLockHolder {

    private FileLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            System.out.println(lock.isValid() ? "held" : "not held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our input
            }
        }
    }
}
