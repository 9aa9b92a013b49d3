package io.strata.application.prediction;

import io.strata.domain.prediction.BgNbd;
import io.strata.domain.prediction.GammaGamma;
import io.strata.domain.prediction.NotFitted;
import io.strata.domain.prediction.PatternForecast;
import io.strata.domain.prediction.ValueHorizon;
import io.strata.domain.prediction.ValueModel;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Beside the assignment a chunk's forecasts are summed on one thread of their own, not on the common pool's threads and
 * the caller's (docs/benchmarks.md, "Session 45: predictions, the buyers' read beside the run"), to the same values.
 */
class ForecastThreadsTest {

    /** Oracle: the names of the threads a parallel stream of 20,000 elements ran on, collected inside it. */
    @Test
    void aParallelStreamStartedBesideTheAssignmentRunsOnItsOneThreadOnly() {
        Set<String> threads = ForecastThreads.besideTheAssignment(() -> IntStream.range(0, 20_000).parallel()
                .mapToObj(i -> Thread.currentThread().getName()).collect(Collectors.toSet()));

        assertThat(threads).containsExactly(ForecastThreads.BESIDE_THE_ASSIGNMENT);
        // and again at the next run: the same single thread (made anew once it has ended after a minute idle)
        assertThat(ForecastThreads.besideTheAssignment(() -> IntStream.range(0, 20_000).parallel()
                .mapToObj(i -> Thread.currentThread().getName()).collect(Collectors.toSet()))).containsExactly(ForecastThreads.BESIDE_THE_ASSIGNMENT);
    }

    /**
     * The values are the common pool's to the last bit (each pair's forecast is summed alone, whichever thread sums it),
     * at the benchmark's fitted BG/NBD (a, b on their ridge, where the forecasts take the original series).
     */
    @Test
    void theForecastsAreThoseSummedOnEveryCore() {
        ValueModel.Fitted fit = new ValueModel.Fitted(new BgNbd(0.3448914662253754, 1.0372984512500907, 3369472.962201892, 1.1883941750386752E7),
                new GammaGamma(2.0285372110102005, 4.851651954097903E8, 1.5339861510359879E10), -705239.03, 982_776, 700_014, -0.01);
        int[] x = IntStream.range(0, 600).map(i -> i % 30).toArray();
        double[] ages = IntStream.range(0, 600).mapToDouble(i -> (i / 30 * 37 + i % 30) / 7.0).toArray();

        PatternForecast.IfAlive[] onEveryCore = fit.forecastsIfAlive(x, ages, ValueHorizon.DEFAULT);
        PatternForecast.IfAlive[] onOne = ForecastThreads.besideTheAssignment(() -> fit.forecastsIfAlive(x, ages, ValueHorizon.DEFAULT));

        assertThat(onOne).containsExactly(onEveryCore);
    }

    /** A refusal comes out as it was thrown (the same object, so the same reason for the run's summary), not as a copy. */
    @Test
    void aRefusalIsThrownAsItIs() {
        NotFitted refusal = new NotFitted("no finite forecast for x 3, T 40.00");

        assertThatThrownBy(() -> ForecastThreads.besideTheAssignment(() -> {
            throw refusal;
        })).isSameAs(refusal);
    }
}
