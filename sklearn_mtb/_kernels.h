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
#include <math.h>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define MTB_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define MTB_CLONES
#endif

/* Z (n_rows x n_out, holding the biases) += A (n_rows x n_in) @ W (n_in x n_out).
 *
 * The output columns are taken in blocks: a block's partial sums stay in vector registers
 * for the whole loop over the inputs, so each multiply-add costs one load of W instead of
 * a load and a store of Z as well.  With GCC or Clang the blocks are written with vector
 * types of 32 bytes (4 doubles or 8 floats; two SSE registers each on CPUs without AVX):
 * left to itself, GCC 12 vectorises the loop over the inputs instead, with gathers.  Even
 * and odd inputs go to separate partial sums, so two chains of multiply-adds overlap
 * (one chain is bound by the latency of the multiply-add). */
#define MTB_AFFINE_SCALAR_BLOCK(T, B, j0, n_in, n_out, a, W, z)                          \
    for (; (j0) + (B) <= (n_out); (j0) += (B)) {                                         \
        T acc[B];                                                                        \
        for (int jj = 0; jj < (B); jj++)                                                 \
            acc[jj] = (z)[(j0) + jj];                                                    \
        for (ptrdiff_t k = 0; k < (n_in); k++) {                                         \
            const T ak = (a)[k];                                                         \
            const T *restrict w = (W) + k * (n_out) + (j0);                              \
            for (int jj = 0; jj < (B); jj++)                                             \
                acc[jj] += ak * w[jj];                                                   \
        }                                                                                \
        for (int jj = 0; jj < (B); jj++)                                                 \
            (z)[(j0) + jj] = acc[jj];                                                    \
    }

#if defined(__GNUC__)
typedef double mtb_vec_d __attribute__((vector_size(32)));
typedef float mtb_vec_f __attribute__((vector_size(32)));

/* NV vectors of type V (L lanes of T each): a block of NV * L columns. */
#define MTB_AFFINE_VECTOR_BLOCK(T, V, NV, j0, n_in, n_out, a, W, z)                      \
    for (; (j0) + (NV) * (ptrdiff_t)(sizeof(V) / sizeof(T)) <= (n_out);                  \
         (j0) += (NV) * (ptrdiff_t)(sizeof(V) / sizeof(T))) {                            \
        const ptrdiff_t lanes = (ptrdiff_t)(sizeof(V) / sizeof(T));                      \
        V acc[NV], odd[NV];                                                              \
        for (int v = 0; v < (NV); v++) {                                                 \
            memcpy(&acc[v], (z) + (j0) + v * lanes, sizeof(V));                          \
            odd[v] = acc[v] - acc[v];                                                    \
        }                                                                                \
        ptrdiff_t k = 0;                                                                 \
        for (; k + 1 < (n_in); k += 2) {                                                 \
            const T ak = (a)[k], bk = (a)[k + 1];                                        \
            const T *restrict w = (W) + k * (n_out) + (j0);                              \
            for (int v = 0; v < (NV); v++) {                                             \
                V wv, wn;                                                                \
                memcpy(&wv, w + v * lanes, sizeof(V));                                   \
                memcpy(&wn, w + (n_out) + v * lanes, sizeof(V));                         \
                acc[v] += ak * wv;                                                       \
                odd[v] += bk * wn;                                                       \
            }                                                                            \
        }                                                                                \
        if (k < (n_in)) {                                                                \
            const T ak = (a)[k];                                                         \
            const T *restrict w = (W) + k * (n_out) + (j0);                              \
            for (int v = 0; v < (NV); v++) {                                             \
                V wv;                                                                    \
                memcpy(&wv, w + v * lanes, sizeof(V));                                   \
                acc[v] += ak * wv;                                                       \
            }                                                                            \
        }                                                                                \
        for (int v = 0; v < (NV); v++) {                                                 \
            acc[v] += odd[v];                                                            \
            memcpy((z) + (j0) + v * lanes, &acc[v], sizeof(V));                          \
        }                                                                                \
    }
#define MTB_AFFINE_BLOCKS(T, V, j0, n_in, n_out, a, W, z)                                \
    MTB_AFFINE_VECTOR_BLOCK(T, V, 4, j0, n_in, n_out, a, W, z)                           \
    MTB_AFFINE_VECTOR_BLOCK(T, V, 2, j0, n_in, n_out, a, W, z)                           \
    MTB_AFFINE_VECTOR_BLOCK(T, V, 1, j0, n_in, n_out, a, W, z)
#else
#define MTB_AFFINE_BLOCKS(T, V, j0, n_in, n_out, a, W, z)                                \
    MTB_AFFINE_SCALAR_BLOCK(T, 16, j0, n_in, n_out, a, W, z)                             \
    MTB_AFFINE_SCALAR_BLOCK(T, 4, j0, n_in, n_out, a, W, z)
#endif

#define MTB_AFFINE(T, V, NAME)                                                           \
    MTB_CLONES static void NAME(ptrdiff_t n_rows, ptrdiff_t n_in, ptrdiff_t n_out,       \
                                const T *restrict A, const T *restrict W,                \
                                T *restrict Z)                                           \
    {                                                                                    \
        for (ptrdiff_t i = 0; i < n_rows; i++) {                                         \
            const T *restrict a = A + i * n_in;                                          \
            T *restrict z = Z + i * n_out;                                               \
            ptrdiff_t j0 = 0;                                                            \
            MTB_AFFINE_BLOCKS(T, V, j0, n_in, n_out, a, W, z)                            \
            MTB_AFFINE_SCALAR_BLOCK(T, 1, j0, n_in, n_out, a, W, z)                      \
        }                                                                                \
    }

/* P (n_rows x n_in) = D (n_rows x n_out) @ W.T, W being (n_in x n_out). */
#if defined(__GNUC__)
/* A dot product of length n in vector partial sums of type V (a fixed reassociation: the
 * compiler may not reorder a floating-point sum by itself), then the scalar tail. */
#define MTB_DOT(T, V, n, x, y, result)                                                   \
    do {                                                                                 \
        const ptrdiff_t lanes_ = (ptrdiff_t)(sizeof(V) / sizeof(T));                     \
        V acc_ = {0};                                                                    \
        ptrdiff_t j_ = 0;                                                                \
        for (; j_ + lanes_ <= (n); j_ += lanes_) {                                       \
            V xv_, yv_;                                                                  \
            memcpy(&xv_, (x) + j_, sizeof(V));                                           \
            memcpy(&yv_, (y) + j_, sizeof(V));                                           \
            acc_ += xv_ * yv_;                                                           \
        }                                                                                \
        T sum_ = 0;                                                                      \
        for (ptrdiff_t l_ = 0; l_ < lanes_; l_++)                                        \
            sum_ += acc_[l_];                                                            \
        for (; j_ < (n); j_++)                                                           \
            sum_ += (x)[j_] * (y)[j_];                                                   \
        (result) = sum_;                                                                 \
    } while (0)
#else
#define MTB_DOT(T, V, n, x, y, result)                                                   \
    do {                                                                                 \
        T sum_ = 0;                                                                      \
        for (ptrdiff_t j_ = 0; j_ < (n); j_++)                                           \
            sum_ += (x)[j_] * (y)[j_];                                                   \
        (result) = sum_;                                                                 \
    } while (0)
#endif

#define MTB_BACKPROP(T, V, NAME)                                                         \
    MTB_CLONES static void NAME(ptrdiff_t n_rows, ptrdiff_t n_in, ptrdiff_t n_out,       \
                                const T *restrict D, const T *restrict W,                \
                                T *restrict P)                                           \
    {                                                                                    \
        for (ptrdiff_t i = 0; i < n_rows; i++) {                                         \
            const T *restrict d = D + i * n_out;                                         \
            for (ptrdiff_t k = 0; k < n_in; k++)                                         \
                MTB_DOT(T, V, n_out, d, W + k * n_out, P[i * n_in + k]);                 \
        }                                                                                \
    }

/* G (n_in x n_out) = A.T @ D for A (n_rows x n_in) and D (n_rows x n_out). */
#define MTB_OUTER(T, NAME)                                                               \
    MTB_CLONES static void NAME(ptrdiff_t n_rows, ptrdiff_t n_in, ptrdiff_t n_out,       \
                                const T *restrict A, const T *restrict D,                \
                                T *restrict G)                                           \
    {                                                                                    \
        if (n_rows < 1) {                                                                \
            memset(G, 0, (size_t)(n_in * n_out) * sizeof(T));                            \
            return;                                                                      \
        }                                                                                \
        for (ptrdiff_t k = 0; k < n_in; k++) { /* the first row writes G */              \
            const T a = A[k];                                                            \
            T *restrict g = G + k * n_out;                                               \
            for (ptrdiff_t j = 0; j < n_out; j++)                                        \
                g[j] = a * D[j];                                                         \
        }                                                                                \
        for (ptrdiff_t i = 1; i < n_rows; i++) {                                         \
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

/* The float32 logistic, computed the same way in single precision: the Taylor series of
 * exp(r) to r**7 (truncation below 1e-8 relative, under float32's rounding), arguments
 * clamped to [-87, 88], 2**k built from the bits of k + 1.5 * 2**23. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-trapping-math")))
#endif
MTB_CLONES static void mtb_logistic_f(ptrdiff_t n, float *restrict z)
{
    const float shift = 12582912.0f; /* 1.5 * 2**23 */
    for (ptrdiff_t i = 0; i < n; i++) {
        float x = -z[i];
        x = x < -87.0f ? -87.0f : x;
        x = x > 88.0f ? 88.0f : x;
        float t = x * 1.44269504f + shift;
        float k = t - shift;
        float r = (x - k * 0.693145752f) - k * 1.42860677e-06f;
        float p = 1.98412698e-04f;
        p = p * r + 1.38888889e-03f;
        p = p * r + 8.33333333e-03f;
        p = p * r + 4.16666667e-02f;
        p = p * r + 1.66666667e-01f;
        p = p * r + 0.5f;
        p = p * r + 1.0f;
        p = p * r + 1.0f;
        int bits;
        memcpy(&bits, &t, sizeof bits);
        bits = (bits - 0x4B400000 + 127) << 23; /* 0x4B400000 = bits of shift */
        float scale;
        memcpy(&scale, &bits, sizeof scale);
        z[i] = 1.0f / (1.0f + p * scale);
    }
}

/* One SGD step with momentum over the flat parameter vector: v = momentum v - lr g,
 * w += v. */
#define MTB_SGD_STEP(T, NAME)                                                            \
    MTB_CLONES static void NAME(ptrdiff_t n, T *restrict w, T *restrict v,               \
                                const T *restrict g, T momentum, T lr)                   \
    {                                                                                    \
        for (ptrdiff_t i = 0; i < n; i++) {                                              \
            v[i] = momentum * v[i] - lr * g[i];                                          \
            w[i] += v[i];                                                                \
        }                                                                                \
    }

/* One Adam step: first moment m, second moment s, step size lr_t (bias-corrected). */
#define MTB_ADAM_STEP(T, NAME)                                                           \
    MTB_CLONES static void NAME(ptrdiff_t n, T *restrict w, T *restrict m,               \
                                T *restrict s, const T *restrict g, T beta_1, T beta_2,  \
                                T eps, double lr_t)                                      \
    {                                                                                    \
        for (ptrdiff_t i = 0; i < n; i++) {                                              \
            const T gi = g[i];                                                           \
            m[i] = beta_1 * m[i] + (1 - beta_1) * gi;                                    \
            s[i] = beta_2 * s[i] + (1 - beta_2) * gi * gi;                               \
            w[i] -= (T)(lr_t * m[i] / (sqrt(s[i]) + eps));                               \
        }                                                                                \
    }

/* Online SGD step of one weight matrix W (n_in x n_out) with velocity V, its gradient
 * being the outer product a d^T of the layer's inputs and the next layer's deltas:
 * v = momentum v - lr a_k d_j, w += v, without storing the gradient. */
#define MTB_OUTER_SGD_STEP(T, NAME)                                                      \
    MTB_CLONES static void NAME(ptrdiff_t n_in, ptrdiff_t n_out, const T *restrict a,    \
                                const T *restrict d, T *restrict W, T *restrict V,       \
                                T momentum, T lr)                                        \
    {                                                                                    \
        for (ptrdiff_t k = 0; k < n_in; k++) {                                           \
            const T ak = a[k];                                                           \
            T *restrict w = W + k * n_out;                                               \
            T *restrict v = V + k * n_out;                                               \
            for (ptrdiff_t j = 0; j < n_out; j++) {                                      \
                v[j] = momentum * v[j] - lr * (ak * d[j]);                               \
                w[j] += v[j];                                                            \
            }                                                                            \
        }                                                                                \
    }

/* Validation sums of a net whose heads are all linear (task t is output t): for each task,
 * num[t] += sum of w_i (out_it - y_it)^2 and den[t] += sum of w_i over the rows where y_it
 * is present (not NaN).  Branch-free, so missing targets cost no mispredicted branches,
 * and vectorised across the tasks. */
#if defined(__GNUC__) && !defined(__clang__)
#define MTB_NO_TRAP __attribute__((optimize("no-trapping-math")))
#else
#define MTB_NO_TRAP
#endif
#define MTB_SQUARED_ERROR_SUMS(T, NAME)                                                  \
    MTB_NO_TRAP MTB_CLONES static void NAME(ptrdiff_t n_rows, ptrdiff_t n_tasks,         \
                                            const T *restrict out,                       \
                                            const T *restrict Y,                         \
                                            const T *restrict sw,                        \
                                            double *restrict num, double *restrict den)  \
    {                                                                                    \
        for (ptrdiff_t i = 0; i < n_rows; i++) {                                         \
            const T *restrict o = out + i * n_tasks;                                     \
            const T *restrict y = Y + i * n_tasks;                                       \
            const double s = (double)sw[i];                                              \
            for (ptrdiff_t t = 0; t < n_tasks; t++) {                                    \
                const double yt = (double)y[t];                                          \
                const int present = yt == yt;                                            \
                const double diff = present ? (double)o[t] - yt : 0.0;                   \
                num[t] += s * diff * diff;                                               \
                den[t] += present ? s : 0.0;                                             \
            }                                                                            \
        }                                                                                \
    }

/* Error signals of one training row when every head is linear with half squared error
 * (task t on output t): p = out_t - y_t, d_t = si coef_t p, and per task the objective
 * part si coef_t p^2 / 2, the loss sum si p^2 / 2 and the weight sum si, all zero where
 * y_t is missing (NaN).  Branch-free and vectorised across the tasks. */
#define MTB_SQUARED_HEADS(T, NAME)                                                       \
    MTB_NO_TRAP MTB_CLONES static void NAME(ptrdiff_t n_tasks, const T *restrict out,    \
                                            const T *restrict y, T *restrict d,          \
                                            const double *restrict coef, double si,      \
                                            double *restrict obj,                        \
                                            double *restrict task_loss,                  \
                                            double *restrict task_wsum)                  \
    {                                                                                    \
        for (ptrdiff_t t = 0; t < n_tasks; t++) {                                        \
            const double yt = (double)y[t];                                              \
            const int present = yt == yt;                                                \
            const double p = present ? (double)out[t] - yt : 0.0;                        \
            const double sc = si * coef[t];                                              \
            const double l = 0.5 * p * p;                                                \
            d[t] = (T)(sc * p);                                                          \
            obj[t] += sc * l;                                                            \
            task_loss[t] += si * l;                                                      \
            task_wsum[t] += present ? si : 0.0;                                          \
        }                                                                                \
    }

MTB_SQUARED_HEADS(double, mtb_squared_heads_d)
MTB_SQUARED_HEADS(float, mtb_squared_heads_f)
MTB_SQUARED_ERROR_SUMS(double, mtb_squared_error_sums_d)
MTB_SQUARED_ERROR_SUMS(float, mtb_squared_error_sums_f)
MTB_OUTER_SGD_STEP(double, mtb_outer_sgd_step_d)
MTB_OUTER_SGD_STEP(float, mtb_outer_sgd_step_f)
MTB_SGD_STEP(double, mtb_sgd_step_d)
MTB_SGD_STEP(float, mtb_sgd_step_f)
MTB_ADAM_STEP(double, mtb_adam_step_d)
MTB_ADAM_STEP(float, mtb_adam_step_f)
MTB_AFFINE(double, mtb_vec_d, mtb_affine_d)
MTB_AFFINE(float, mtb_vec_f, mtb_affine_f)
MTB_BACKPROP(double, mtb_vec_d, mtb_backprop_d)
MTB_BACKPROP(float, mtb_vec_f, mtb_backprop_f)
MTB_OUTER(double, mtb_outer_d)
MTB_OUTER(float, mtb_outer_f)

#endif
