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

MTB_AFFINE(double, mtb_affine_d)
MTB_AFFINE(float, mtb_affine_f)
MTB_BACKPROP(double, mtb_backprop_d)
MTB_BACKPROP(float, mtb_backprop_f)
MTB_OUTER(double, mtb_outer_d)
MTB_OUTER(float, mtb_outer_f)

#endif
