/* The momentum-SGD update alone, as one online step of a 60-120-10 net makes it.
 *
 * Every weight (and bias) of both layers gets v = m v - lr a_i d_j; w += v, with no forward or
 * backward pass.  Any online SGD-with-momentum step must do at least this much memory work,
 * so the rate printed here bounds the samples/s of online training of that net on this core
 * (see README.md, "What the targets say").
 *
 *     cc -O3 -march=native -o /tmp/update_bound benchmarks/update_bound.c && /tmp/update_bound
 *     cc -O3 -march=native -DUSE_FLOAT -o /tmp/update_bound_f benchmarks/update_bound.c \
 *         && /tmp/update_bound_f
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifdef USE_FLOAT
typedef float real;
#else
typedef double real;
#endif

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* One layer: n_in inputs (the bias row included) to n_out units. */
__attribute__((noinline)) static void update(int n_in, int n_out, const real *restrict a,
                                             const real *restrict d, real *restrict w,
                                             real *restrict v, real momentum, real lr)
{
    for (int i = 0; i < n_in; i++) {
        const real ai = lr * a[i];
        real *wi = w + (size_t)i * n_out, *vi = v + (size_t)i * n_out;
        for (int j = 0; j < n_out; j++) {
            const real step = momentum * vi[j] - ai * d[j];
            vi[j] = step;
            wi[j] += step;
        }
    }
}

int main(void)
{
    const int sizes[3] = {60, 120, 10}, steps = 200000;
    int n = 0;
    for (int l = 0; l < 2; l++)
        n += (sizes[l] + 1) * sizes[l + 1];
    real *w = calloc(n, sizeof(real)), *v = calloc(n, sizeof(real));
    real a[128], d[128];
    for (int i = 0; i < 128; i++) {
        a[i] = 1e-3 * (i + 1);
        d[i] = 1e-3;
    }
    double t0 = seconds();
    for (int s = 0; s < steps; s++) {
        int off = 0;
        for (int l = 0; l < 2; l++) {
            update(sizes[l] + 1, sizes[l + 1], a, d, w + off, v + off, 0.9, 0.01);
            off += (sizes[l] + 1) * sizes[l + 1];
        }
    }
    double t = seconds() - t0;
    printf("%s, %d parameters: %.0f update steps/s (%.0f GB/s of weight and velocity "
           "traffic; checksum %g)\n", sizeof(real) == 8 ? "float64" : "float32", n, steps / t,
           steps * (double)n * 4 * sizeof(real) / t / 1e9, (double)w[n - 1]);
    free(w);
    free(v);
    return 0;
}
