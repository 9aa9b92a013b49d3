package io.strata.domain.prediction;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Maximises a log-likelihood over positive parameters with Hipparchus' Nelder-Mead simplex, searching their logarithms
 * so that every point tried is a valid model. A simplex can stall on a ridge; it is restarted from its best point until
 * a restart no longer improves the likelihood, as is usual practice with Nelder-Mead.
 */
final class MaximumLikelihood {


    /**
     * How far each optimiser may go before the fit is refused as not converged (or, for the start, cut): the simplex's
     * evaluations per pass and restarts ({@link #search}), the large base's start ({@link #start}) and polish
     * ({@link #boundedSimplex}), Newton's steps ({@link #newton}). The fit always runs with {@link #PRODUCTION}; a test
     * may give a smaller budget to drive the refusals on real likelihoods through the same code.
     */
    record Budget(int startEvaluations, int newtonSteps, int evaluations, int restarts, int polishEvaluations) {
    }

    static final Budget PRODUCTION = new Budget(3_000, 200, 20_000, 8, 200);
    /** Parameters beyond e^±20 mean the data pushed the model to a degenerate edge, not to an optimum. */
    private static final double LOG_BOUND = 20;

    private MaximumLikelihood() {
    }

    /** The parameters (not their logs) and the maximal log-likelihood. */
    record Estimate(double[] parameters, double logLikelihood) {
    }

    static Estimate maximise(String model, ToDoubleFunction<double[]> logLikelihood, double[] start) {
        return maximise(model, logLikelihood, start, PRODUCTION);
    }

    static Estimate maximise(String model, ToDoubleFunction<double[]> logLikelihood, double[] start, Budget budget) {
        Estimate found = search(model, logLikelihood, start, 0.5, budget);
        return checked(model, log(found.parameters()), found.logLikelihood());
    }

    /**
     * Where Newton's method on a large base starts: the simplex on a sample's likelihood, cut after
     * {@link #PRODUCTION}'s start evaluations at a looser tolerance (Newton polishes the point on all buyers anyway), its best point
     * seen even when it has not settled (on a ridge a simplex creeps on for thousands of evaluations).
     */
    static double[] start(ToDoubleFunction<double[]> sampleLikelihood, double[] start) {
        return start(sampleLikelihood, start, PRODUCTION);
    }

    static double[] start(ToDoubleFunction<double[]> sampleLikelihood, double[] start, Budget budget) {
        double[] logs = log(start);
        Best best = new Best(logs, sampleLikelihood.applyAsDouble(start));
        try {
            new SimplexOptimizer(new SimpleValueChecker(1e-10, 1e-12)).optimize(new MaxEval(budget.startEvaluations()),
                    best.tracking(sampleLikelihood), GoalType.MAXIMIZE, new InitialGuess(logs), new NelderMeadSimplex(logs.length, 0.5));
        } catch (MathIllegalStateException e) {
            // the budget is spent: the best point seen is the start
        }
        return exp(best.logs);
    }

    /** The best point an optimiser has tried, kept by its objective function. */
    private static final class Best {
        private final double[] logs;
        private double value;

        Best(double[] logs, double value) {
            this.logs = logs.clone();
            this.value = Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
        }

        ObjectiveFunction tracking(ToDoubleFunction<double[]> logLikelihood) {
            return new ObjectiveFunction(at -> {
                double v = logLikelihood.applyAsDouble(exp(at));
                if (v > value) {
                    value = v;
                    System.arraycopy(at, 0, logs, 0, at.length);
                }
                return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
            });
        }
    }

    /**
     * The simplex from {@code start} until a restart gains nothing, the point not checked against {@link #LOG_BOUND};
     * {@code step}: the first simplex's edge in log space, small when the start is known to be close. Refused
     * ({@link NotFitted}) when a pass spends the budget's evaluations or the restarts keep improving.
     */
    private static Estimate search(String model, ToDoubleFunction<double[]> logLikelihood, double[] start, double step, Budget budget) {
        ObjectiveFunction objective = new ObjectiveFunction(logs -> {
            double value = logLikelihood.applyAsDouble(exp(logs));
            return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
        });
        SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-11, 1e-12));
        double[] point = log(start);
        double best = Double.NEGATIVE_INFINITY;
        try {
            for (int restart = 0; restart <= budget.restarts(); restart++) {
                PointValuePair optimum = optimizer.optimize(new MaxEval(budget.evaluations()), objective, GoalType.MAXIMIZE,
                        new InitialGuess(point), new NelderMeadSimplex(point.length, restart == 0 ? step : Math.min(step, 0.1)));
                boolean settled = optimum.getValue() - best <= 1e-9 * Math.abs(optimum.getValue());
                point = optimum.getPoint();
                best = optimum.getValue();
                if (settled) {
                    return new Estimate(exp(point), best);
                }
            }
        } catch (MathIllegalStateException e) {
            throw new NotFitted("the " + model + " optimiser did not converge within " + budget.evaluations() + " evaluations");
        }
        throw new NotFitted("the " + model + " optimiser kept improving after " + budget.restarts() + " restarts and did not converge");
    }

    /**
     * As {@link #maximise}, for a log-likelihood with an analytic gradient: Newton's method on the score equations
     * (gradient = 0 in the parameters' logarithms), solved as a least-squares problem by Hipparchus' Levenberg-Marquardt,
     * with the Hessian as forward differences of the analytic gradient. From a start near the optimum it needs a few
     * dozen gradients where the simplex needs hundreds of evaluations. A stationary point is accepted when it is a
     * maximum (no direction of ascent in the Hessian) at least as likely as the start. Otherwise, for a small base
     * ({@code large} false) the simplex searches the full likelihood as long as it needs; for a large one the best of
     * the start and Newton's point is accepted when the likelihood is flat there ({@link #FLAT}: on a ridge, where the
     * forward-difference Hessian is too noisy to call a maximum), else the simplex polishes it for at most
     * {@link #PRODUCTION}'s polish evaluations of the full likelihood and its best point must then be flat.
     */
    static Estimate maximise(String model, ToDoubleFunction<double[]> logLikelihood, Function<double[], double[]> gradient,
                             double[] start, boolean large) {
        return maximise(model, logLikelihood, gradient, start, large, -1);
    }

    /**
     * As {@link #maximise(String, ToDoubleFunction, Function, double[], boolean)}, for a model whose parameter number
     * {@code ridge} (0-based; -1: none) runs along a ridge where the likelihood rises to a finite limit as it goes to
     * infinity, the other parameters fixed (Gamma-Gamma's q in the coordinates p, q, v / q). A point found beyond
     * e^{@link #LOG_BOUND} in that parameter only is moved back to e^{@link #LOG_BOUND} along the ridge (onto the crest
     * across it there, see {@link #accepted}) when that loses at most {@link #FLAT} of the log-likelihood and the
     * likelihood is flat there: the data cannot tell the two apart.
     */
    static Estimate maximise(String model, ToDoubleFunction<double[]> logLikelihood, Function<double[], double[]> gradient,
                             double[] start, boolean large, int ridge) {
        return maximise(model, logLikelihood, gradient, start, large, ridge, PRODUCTION);
    }

    /** As {@link #maximise(String, ToDoubleFunction, Function, double[], boolean, int)}, within {@code budget}. */
    static Estimate maximise(String model, ToDoubleFunction<double[]> logLikelihood, Function<double[], double[]> gradient,
                             double[] start, boolean large, int ridge, Budget budget) {
        double[] logStart = log(start);
        double before = logLikelihood.applyAsDouble(start);
        double[] point = logStart;
        double value = before;
        try {
            LeastSquaresOptimizer.Optimum optimum = newton(gradient, logStart, -1, before, budget);
            double[] newton = optimum.getPoint().toArray();
            double reached = logLikelihood.applyAsDouble(exp(newton));
            if (Double.isFinite(reached) && reached >= before - 1e-12 * Math.abs(before)) {
                if (maximum(optimum.getJacobian())) {
                    return accepted(model, logLikelihood, gradient, newton, reached, ridge, budget);
                }
                point = newton;
                value = reached;
            }
        } catch (MathIllegalStateException | MathIllegalArgumentException e) {
            // no stationary point reached from this start: what follows decides
        }
        if (!large) {
            // the full likelihood is as cheap as a sample's: the simplex may search it as long as it needs
            Estimate found = search(model, logLikelihood, start, 0.1, budget);
            return accepted(model, logLikelihood, gradient, log(found.parameters()), found.logLikelihood(), ridge, budget);
        }
        if (flat(logGradient(gradient, point), value)) {
            return accepted(model, logLikelihood, gradient, point, value, ridge, budget);
        }
        Estimate polished = boundedSimplex(logLikelihood, point, value, budget);
        if (flat(logGradient(gradient, log(polished.parameters())), polished.logLikelihood())) {
            return accepted(model, logLikelihood, gradient, log(polished.parameters()), polished.logLikelihood(), ridge, budget);
        }
        throw new NotFitted("the " + model + " optimiser did not reach a flat likelihood within " + budget.polishEvaluations()
                + " evaluations of the full likelihood");
    }

    /**
     * Newton's method on the score equations from {@code logStart} (the parameters' logarithms), solved as a least-squares
     * problem by Levenberg-Marquardt with the Hessian as forward differences of the analytic gradient; parameter number
     * {@code fixed} (-1: none) is held at its start and left out of the equations. Settled when a step moves no
     * parameter, or gains nothing to first order (relative 1e-12 of {@code scale}: a flat ridge, where a model's
     * parameters run to infinity together, has no stationary point to reach). Its point has the free parameters only.
     */
    private static LeastSquaresOptimizer.Optimum newton(Function<double[], double[]> gradient, double[] logStart, int fixed,
                                                        double scale, Budget budget) {
        int[] free = IntStream.range(0, logStart.length).filter(i -> i != fixed).toArray();
        int n = free.length;
        MultivariateJacobianFunction score = logs -> {
            double[] at = logStart.clone();
            for (int k = 0; k < n; k++) {
                at[free[k]] = logs.getEntry(k);
            }
            double[] value = freeOf(logGradient(gradient, at), free);
            double[][] hessian = new double[n][];
            for (int j = 0; j < n; j++) {
                double[] moved = at.clone();
                moved[free[j]] += HESSIAN_STEP;
                double[] next = freeOf(logGradient(gradient, moved), free);
                double[] column = new double[n];
                for (int i = 0; i < n; i++) {
                    column[i] = (next[i] - value[i]) / HESSIAN_STEP;
                }
                hessian[j] = column;
            }
            return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(hessian, false).transpose());
        };
        LeastSquaresProblem problem = new LeastSquaresBuilder().start(freeOf(logStart, free)).model(score).target(new double[n])
                .maxEvaluations(budget.newtonSteps()).maxIterations(budget.newtonSteps()).lazyEvaluation(false)
                .checker((iteration, previous, current) -> settled(previous, current, 1e-12 * Math.abs(scale)))
                .build();
        return new LevenbergMarquardtOptimizer().optimize(problem);
    }

    private static double[] freeOf(double[] all, int[] free) {
        double[] values = new double[free.length];
        for (int k = 0; k < free.length; k++) {
            values[k] = all[free[k]];
        }
        return values;
    }

    /**
     * Where the full likelihood is flat enough to stop: a step of one in every parameter's logarithm (a factor of e in
     * each) would gain at most this share of the log-likelihood to first order. On a ridge (a model whose parameters
     * can run to infinity together, as BG/NBD's a and b when drop-out has no heterogeneity) the likelihood keeps rising
     * by ever less along it and has no stationary point; there the points the data cannot tell apart are all answers.
     */
    static final double FLAT = 1e-6;

    private static boolean flat(double[] logGradient, double value) {
        double gain = 0;
        for (double g : logGradient) {
            gain += Math.abs(g);
        }
        return Double.isFinite(value) && gain <= FLAT * Math.abs(value);
    }

    /** The simplex on the full likelihood from {@code logs}, cut after the budget's polish evaluations: its best point. */
    private static Estimate boundedSimplex(ToDoubleFunction<double[]> logLikelihood, double[] logs, double value, Budget budget) {
        Best best = new Best(logs, value);
        try {
            new SimplexOptimizer(new SimpleValueChecker(1e-11, 1e-12)).optimize(new MaxEval(budget.polishEvaluations()),
                    best.tracking(logLikelihood), GoalType.MAXIMIZE, new InitialGuess(logs), new NelderMeadSimplex(logs.length, 0.01));
        } catch (MathIllegalStateException e) {
            // the budget is spent: the best point seen is the answer, if flat
        }
        return new Estimate(exp(best.logs), best.value);
    }

    /** Forward differences of the analytic gradient, in the logarithms: accurate to about 1e-6 relative, plenty for Newton. */
    private static final double HESSIAN_STEP = 1e-6;

    /** The gradient in the parameters' logarithms, by the chain rule through θ = e^l: ∂/∂l = θ ∂/∂θ. */
    private static double[] logGradient(Function<double[], double[]> gradient, double[] logs) {
        double[] parameters = exp(logs);
        double[] natural = gradient.apply(parameters);
        double[] inLogs = new double[natural.length];
        for (int i = 0; i < natural.length; i++) {
            inLogs[i] = parameters[i] * natural[i];
        }
        return inLogs;
    }

    private static boolean settled(LeastSquaresProblem.Evaluation previous, LeastSquaresProblem.Evaluation current, double negligible) {
        RealVector step = current.getPoint().subtract(previous.getPoint());
        // the residuals are the gradient: gradient · step is the step's gain in log-likelihood to first order
        return step.getLInfNorm() <= 1e-10 || Math.abs(current.getResiduals().dotProduct(step)) <= negligible;
    }

    /**
     * Whether the (symmetrised) Hessian has no direction of ascent: every eigenvalue negative, or negligible against
     * the largest (along a flat ridge the likelihood neither rises nor falls).
     */
    private static boolean maximum(RealMatrix hessian) {
        RealMatrix symmetric = hessian.add(hessian.transpose()).scalarMultiply(0.5);
        try {
            double[] eigenvalues = new EigenDecompositionSymmetric(symmetric).getEigenvalues();
            double largest = 0;
            for (double e : eigenvalues) {
                largest = Math.max(largest, Math.abs(e));
            }
            for (double e : eigenvalues) {
                if (!(e <= 1e-6 * largest)) {
                    return false;
                }
            }
            return largest > 0;
        } catch (MathIllegalArgumentException | MathIllegalStateException e) {
            return false;
        }
    }

    /**
     * {@link #checked}, after moving a point beyond the bound along the {@code ridge} back to it (see above). The point
     * moved back is the best at the bound: the point with the ridge parameter cut, or, when the likelihood is not flat
     * there, the crest across the ridge at the bound that Newton's method reaches from it with the ridge parameter held
     * (a simplex stops where the likelihood no longer changes by its tolerance, short of the crest by a gradient
     * larger than flatness allows on a small base). Either way it must lose at most {@link #FLAT} of the
     * log-likelihood against the point found and be flat, in every parameter including the ridge's.
     */
    private static Estimate accepted(String model, ToDoubleFunction<double[]> logLikelihood, Function<double[], double[]> gradient,
                                     double[] logs, double value, int ridge, Budget budget) {
        if (ridge >= 0 && logs[ridge] > LOG_BOUND && Double.isFinite(value)) {
            double[] back = logs.clone();
            back[ridge] = LOG_BOUND;
            double there = logLikelihood.applyAsDouble(exp(back));
            if (Double.isFinite(there) && !flat(logGradient(gradient, back), there)) {
                try {
                    double[] crest = back.clone();
                    double[] free = newton(gradient, back, ridge, there, budget).getPoint().toArray();
                    for (int i = 0, k = 0; i < crest.length; i++) {
                        if (i != ridge) {
                            crest[i] = free[k++];
                        }
                    }
                    double reached = logLikelihood.applyAsDouble(exp(crest));
                    if (Double.isFinite(reached) && reached >= there) {
                        back = crest;
                        there = reached;
                    }
                } catch (MathIllegalStateException | MathIllegalArgumentException e) {
                    // no crest reached: the cut point is judged as it is
                }
            }
            if (there >= value - FLAT * Math.abs(value) && flat(logGradient(gradient, back), there)) {
                return checked(model, back, there);
            }
        }
        return checked(model, logs, value);
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
