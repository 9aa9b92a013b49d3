package io.strata.domain.prediction;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import java.util.function.ToDoubleFunction;

/**
 * Maximises a log-likelihood over positive parameters with Hipparchus' Nelder-Mead simplex, searching their logarithms
 * so that every point tried is a valid model. A simplex can stall on a ridge; it is restarted from its best point until
 * a restart no longer improves the likelihood, as is usual practice with Nelder-Mead.
 */
final class MaximumLikelihood {

    private static final int MAX_EVALUATIONS = 20_000;
    private static final int MAX_RESTARTS = 8;
    /** Parameters beyond e^±20 mean the data pushed the model to a degenerate edge, not to an optimum. */
    private static final double LOG_BOUND = 20;

    private MaximumLikelihood() {
    }

    /** The parameters (not their logs) and the maximal log-likelihood. */
    record Estimate(double[] parameters, double logLikelihood) {
    }

    static Estimate maximise(String model, ToDoubleFunction<double[]> logLikelihood, double[] start) {
        return maximise(model, logLikelihood, start, 0.5);
    }

    /** {@code step}: the first simplex's edge in log space; small when the start is known to be close. */
    static Estimate maximise(String model, ToDoubleFunction<double[]> logLikelihood, double[] start, double step) {
        ObjectiveFunction objective = new ObjectiveFunction(logs -> {
            double value = logLikelihood.applyAsDouble(exp(logs));
            return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
        });
        SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-11, 1e-12));
        double[] point = log(start);
        double best = Double.NEGATIVE_INFINITY;
        try {
            for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
                PointValuePair optimum = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), objective, GoalType.MAXIMIZE,
                        new InitialGuess(point), new NelderMeadSimplex(point.length, restart == 0 ? step : Math.min(step, 0.1)));
                boolean settled = optimum.getValue() - best <= 1e-9 * Math.abs(optimum.getValue());
                point = optimum.getPoint();
                best = optimum.getValue();
                if (settled) {
                    return checked(model, point, best);
                }
            }
        } catch (MathIllegalStateException e) {
            throw new NotFitted("the " + model + " optimiser did not converge within " + MAX_EVALUATIONS + " evaluations");
        }
        throw new NotFitted("the " + model + " optimiser kept improving after " + MAX_RESTARTS + " restarts and did not converge");
    }

    private static Estimate checked(String model, double[] logs, double value) {
        for (double l : logs) {
            if (Math.abs(l) > LOG_BOUND || !Double.isFinite(value)) {
                throw new NotFitted("the " + model + " optimiser drifted to a degenerate edge (a parameter near 0 or infinity)"
                        + " instead of converging to an optimum");
            }
        }
        return new Estimate(exp(logs), value);
    }

    private static double[] exp(double[] logs) {
        double[] values = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            values[i] = Math.exp(logs[i]);
        }
        return values;
    }

    private static double[] log(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(values[i]);
        }
        return logs;
    }
}
