/* Small dense kernels of the sklearn-mtb core, for products too small for BLAS.
 *
 * The Cython core (_core.pyx) calls these for the per-row products of online training.
 * They are plain loops written so the compiler vectorises the inner one.  On x86-64 Linux
 * with GCC each is compiled twice, for AVX2+FMA (x86-64-v3) and for the portable baseline,
 * and the loader picks the right one for the CPU at run time: the wheel stays portable and
 * still uses the wide vector units where they exist.
 */
#ifndef SKLEARN_MTB_KERNELS_H
#define SKLEARN_MTB_KERNELS_H

#include <stddef.h>
#include <string.h>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define MTB_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define MTB_CLONES
#endif

/* Z (n_rows x n_out, holding the biases) += A (n_rows x n_in) @ W (n_in x n_out). */
#define MTB_AFFINE(T, NAME)                                                              \
    MTB_CLONES static void NAME(ptrdiff_t n_rows, ptrdiff_t n_in, ptrdiff_t n_out,       \
                                const T *restrict A, const T *restrict W,                \
                                T *restrict Z)                                           \
    {                                                                                    \
        for (ptrdiff_t i = 0; i < n_rows; i++) {                                         \
            T *restrict z = Z + i * n_out;                                               \
            for (ptrdiff_t k = 0; k < n_in; k++) {                                       \
                const T a = A[i * n_in + k];                                             \
                const T *restrict w = W + k * n_out;                                     \
                for (ptrdiff_t j = 0; j < n_out; j++)                                    \
                    z[j] += a * w[j];                                                    \
            }                                                                            \
        }                                                                                \
    }

/* P (n_rows x n_in) = D (n_rows x n_out) @ W.T, W being (n_in x n_out). */
#define MTB_BACKPROP(T, NAME)                                                            \
    MTB_CLONES static void NAME(ptrdiff_t n_rows, ptrdiff_t n_in, ptrdiff_t n_out,       \
                                const T *restrict D, const T *restrict W,                \
                                T *restrict P)                                           \
    {                                                                                    \
        for (ptrdiff_t i = 0; i < n_rows; i++) {                                         \
            const T *restrict d = D + i * n_out;                                         \
            for (ptrdiff_t k = 0; k < n_in; k++) {                                       \
                const T *restrict w = W + k * n_out;                                     \
                T acc = 0;                                                               \
                for (ptrdiff_t j = 0; j < n_out; j++)                                    \
                    acc += d[j] * w[j];                                                  \
                P[i * n_in + k] = acc;                                                   \
            }                                                                            \
        }                                                                                \
    }

/* G (n_in x n_out) = A.T @ D for A (n_rows x n_in) and D (n_rows x n_out). */
#define MTB_OUTER(T, NAME)                                                               \
    MTB_CLONES static void NAME(ptrdiff_t n_rows, ptrdiff_t n_in, ptrdiff_t n_out,       \
                                const T *restrict A, const T *restrict D,                \
                                T *restrict G)                                           \
    {                                                                                    \
        memset(G, 0, (size_t)(n_in * n_out) * sizeof(T));                                \
        for (ptrdiff_t i = 0; i < n_rows; i++) {                                         \
            const T *restrict d = D + i * n_out;                                         \
            for (ptrdiff_t k = 0; k < n_in; k++) {                                       \
                const T a = A[i * n_in + k];                                             \
                T *restrict g = G + k * n_out;                                           \
                for (ptrdiff_t j = 0; j < n_out; j++)                                    \
                    g[j] += a * d[j];                                                    \
            }                                                                            \
        }                                                                                \
    }

/* z[i] = 1 / (1 + exp(-z[i])), the logistic activation, in place.
 *
 * exp is computed inline so the loop vectorises: -z = k ln2 + r with |r| <= ln2 / 2,
 * exp(r) by its Taylor series to r**13 (truncation below 1e-17 relative), times 2**k built
 * in the exponent bits (k is rounded by the 1.5 * 2**52 trick, so no float-to-integer
 * conversion is needed).  Arguments of exp are clamped to [-708, 709], where it would
 * under- or overflow; NaN stays NaN.  The clamps are plain comparisons; "no-trapping-math"
 * lets GCC turn them into vector blends (no flags are read here).
 */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-trapping-math")))
#endif
MTB_CLONES static void mtb_logistic_d(ptrdiff_t n, double *restrict z)
{
    const double shift = 6755399441055744.0; /* 1.5 * 2**52 */
    for (ptrdiff_t i = 0; i < n; i++) {
        double x = -z[i];
        x = x < -708.0 ? -708.0 : x;
        x = x > 709.0 ? 709.0 : x;
        double t = x * 1.4426950408889634 + shift;
        double k = t - shift;
        double r = (x - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10;
        double p = 1.6059043836821613e-10;
        p = p * r + 2.0876756987868100e-09;
        p = p * r + 2.5052108385441720e-08;
        p = p * r + 2.7557319223985888e-07;
        p = p * r + 2.7557319223985893e-06;
        p = p * r + 2.4801587301587302e-05;
        p = p * r + 1.9841269841269841e-04;
        p = p * r + 1.3888888888888889e-03;
        p = p * r + 8.3333333333333332e-03;
        p = p * r + 4.1666666666666664e-02;
        p = p * r + 1.6666666666666666e-01;
        p = p * r + 0.5;
        p = p * r + 1.0;
        p = p * r + 1.0;
        long long bits;
        memcpy(&bits, &t, sizeof bits);
        bits = (bits - 0x4338000000000000LL + 1023) << 52; /* 0x4338... = bits of shift */
        double scale;
        memcpy(&scale, &bits, sizeof scale);
        z[i] = 1.0 / (1.0 + p * scale);
    }
}

MTB_AFFINE(double, mtb_affine_d)
MTB_AFFINE(float, mtb_affine_f)
MTB_BACKPROP(double, mtb_backprop_d)
MTB_BACKPROP(float, mtb_backprop_f)
MTB_OUTER(double, mtb_outer_d)
MTB_OUTER(float, mtb_outer_f)

#endif
