package dev.paperrec.recommend.hybrid;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;


/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares), each step
 * solved with commons-math3's Cholesky decomposition. The problem is convex and the method has no random start, so
 * the same rows give the same weights on every machine. The first column is the intercept and is not penalised.
 */
public final class LogisticRegression {

    private static final int MAX_ITERATIONS = 50;
    private static final double TOLERANCE = 1e-9;

    private LogisticRegression() {
    }

    /**
     * Weights that maximise the penalised likelihood of {@code labels} given {@code rows}.
     *
     * @param rows    one feature vector per example, each starting with a constant 1 for the intercept
     * @param labels  1 for a positive example, 0 for a negative one
     * @param penalty L2 penalty on every weight but the intercept (0 for none)
     */
    public static double[] fit(double[][] rows, boolean[] labels, double penalty) {
        if (rows.length == 0 || rows.length != labels.length) {
            throw new IllegalArgumentException("one label per row, at least one row");
        }
        int d = rows[0].length;
        double[] w = new double[d];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < rows.length; i++) {
                double[] x = rows[i];
                double p = probability(w, x);
                double residual = p - (labels[i] ? 1 : 0);
                double curvature = Math.max(p * (1 - p), 1e-12);
                for (int a = 0; a < d; a++) {
                    gradient[a] += residual * x[a];
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += curvature * x[a] * x[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[b][a] = hessian[a][b];
                }
                if (a > 0) {
                    gradient[a] += penalty * w[a];
                    hessian[a][a] += penalty;
                }
            }
            // A tiny ridge keeps the step defined when a feature is constant (e.g. no row has evidence).
            for (int a = 0; a < d; a++) {
                hessian[a][a] += 1e-9;
            }
            RealVector step;
            try {
                step = new CholeskyDecomposition(new Array2DRowRealMatrix(hessian, false)).getSolver()
                        .solve(new ArrayRealVector(gradient, false));
            } catch (NonPositiveDefiniteMatrixException e) {
                throw new IllegalStateException("logistic regression: singular curvature", e);
            }
            double largest = 0;
            for (int a = 0; a < d; a++) {
                w[a] -= step.getEntry(a);
                largest = Math.max(largest, Math.abs(step.getEntry(a)));
            }
            if (largest < TOLERANCE) {
                break;
            }
        }
        return w;
    }

    /** The logistic function of the weighted sum. */
    public static double probability(double[] weights, double[] x) {
        double z = 0;
        for (int a = 0; a < weights.length; a++) {
            z += weights[a] * x[a];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
