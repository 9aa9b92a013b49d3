package io.strata.adapters.spark.segmentation;

import io.strata.application.incident.EngineUnavailable;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * The Spark session runs share: created on the first run, with the settings every compiled query relies on (UTC days,
 * ANSI off so a text that is not a number reads as missing). Each run works in a session of its own on top of it
 * ({@link SparkSession#newSession()}: own views, one Spark context).
 */
public final class SparkSessions {

    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final String master;
    private final int shufflePartitions;
    private SparkSession shared;

    /** {@code master}: local[*], local[2], spark://host:7077, …; {@code shufflePartitions}: Spark's default is 200, too many below a cluster. */
    public SparkSessions(String master, int shufflePartitions) {
        this.master = master;
        this.shufflePartitions = shufflePartitions;
    }

    /** A session of its own for one run; checks first that a standalone master answers, so a run fails in seconds, not minutes. */
    public synchronized SparkSession forRun() {
        if (shared == null) {
            reachable(master);
            shared = configure(SparkSession.builder().master(master).appName("strata-segmentation"), shufflePartitions).getOrCreate();
        }
        return shared.newSession();
    }

    /** The settings every compiled query relies on; also for a session spark-submit made. */
    public static SparkSession.Builder configure(SparkSession.Builder builder, int shufflePartitions) {
        return builder.config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.ansi.enabled", "false")
                .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
                .config("spark.ui.enabled", "false");
    }

    public String master() {
        return master;
    }

    /** A standalone master (spark://host:port) must accept a connection; local masters always do. */
    static void reachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        URI address = URI.create(master.split(",")[0]);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHost(), address.getPort()), CONNECT_TIMEOUT_MS);
        } catch (IOException | IllegalArgumentException e) {
            throw new EngineUnavailable("the Spark master " + master + " cannot be reached (" + e.getMessage()
                    + "); check STRATA_SPARK_MASTER and that the cluster is up; the previous run stays current", e);
        }
    }
}
