# Compiled training core of sklearn-mtb.
#
# Multitask backpropagation (Caruana, NIPS 1994; Machine Learning 28, 1997) trains ONE
# feed-forward net whose hidden layers are shared by every task, with one output head per
# task.  The loss of a minibatch B is the weighted SUM over tasks
#
#     J_B = sum_t w_t * L_t(B) + alpha / (2 |B| sbar) * sum_l ||W_l||^2,
#     L_t(B) = sum_{i in B, y_it present} s_i * l_t(i) / (n_t(B) * c_t),
#
# where l_t is half the squared error (linear head), the log-loss (sigmoid head, two classes)
# or the cross-entropy (softmax head, several classes), s_i are sample weights, n_t(B) is
# the number of rows of B whose target for task t is present (not NaN), c_t is the mean sample
# weight over the training rows where task t is present and sbar the mean over all rows.  With
# unit sample weights L_t is the plain mean of task t's loss over the rows where it has a
# target, so a missing target cell adds neither error nor gradient, and adding a task does not
# dilute the learning rate of the others.
#
# Backpropagation therefore SUMS the error signals of all tasks at the last hidden layer: each
# head sends back w_t * dl_t/dz, and the shared hidden units receive the total.  This summed
# gradient is the "tide" of the paper that carries inductive bias from one task to another;
# the per-task weights w_t are the paper's per-output learning rates.
#
# Layout of the parameters: one flat vector holding, for each layer l, the weights W_l
# (n_l x n_{l+1}, row-major) followed by its biases b_l.  Optimizer state (momentum velocity,
# Adam moments) uses the same layout, so an update is one loop over a flat vector and a
# snapshot of the net is one copy.
#
# Everything below runs without the GIL.  Small layers use plain loops (a BLAS call costs more
# than it saves when a batch has one row); large products go through scipy's cython_blas.
# Shuffling uses a small xorshift generator seeded by Python, so a fit is reproducible.
# A non-finite loss stops the epoch and is reported to Python, which raises.

from cython cimport floating
from libc.math cimport exp, log, log1p, sqrt, isnan, isfinite, tanh, NAN
from libc.stdlib cimport malloc, free
from libc.string cimport memcpy, memset
from libc.stdint cimport uint64_t
from scipy.linalg.cython_blas cimport dgemm, sgemm

cdef extern from "_kernels.h" nogil:
    void mtb_affine_d(Py_ssize_t, Py_ssize_t, Py_ssize_t, const double*, const double*,
                      double*)
    void mtb_affine_f(Py_ssize_t, Py_ssize_t, Py_ssize_t, const float*, const float*,
                      float*)
    void mtb_backprop_d(Py_ssize_t, Py_ssize_t, Py_ssize_t, const double*, const double*,
                        double*)
    void mtb_backprop_f(Py_ssize_t, Py_ssize_t, Py_ssize_t, const float*, const float*,
                        float*)
    void mtb_outer_d(Py_ssize_t, Py_ssize_t, Py_ssize_t, const double*, const double*,
                     double*)
    void mtb_outer_f(Py_ssize_t, Py_ssize_t, Py_ssize_t, const float*, const float*,
                     float*)
    void mtb_logistic_d(Py_ssize_t, double*)
    void mtb_sgd_step_d(Py_ssize_t, double*, double*, const double*, double, double)
    void mtb_squared_heads_d(Py_ssize_t, const double*, const double*, double*,
                             const double*, double, double*, double*, double*)
    void mtb_squared_heads_f(Py_ssize_t, const float*, const float*, float*,
                             const double*, double, double*, double*, double*)
    void mtb_squared_error_sums_d(Py_ssize_t, Py_ssize_t, const double*, const double*,
                                  const double*, double*, double*)
    void mtb_squared_error_sums_f(Py_ssize_t, Py_ssize_t, const float*, const float*,
                                  const float*, double*, double*)
    void mtb_outer_sgd_step_d(Py_ssize_t, Py_ssize_t, const double*, const double*,
                              double*, double*, double, double)
    void mtb_outer_sgd_step_f(Py_ssize_t, Py_ssize_t, const float*, const float*,
                              float*, float*, float, float)
    void mtb_sgd_step_f(Py_ssize_t, float*, float*, const float*, float, float)
    void mtb_adam_step_d(Py_ssize_t, double*, double*, double*, const double*, double,
                         double, double, double)
    void mtb_adam_step_f(Py_ssize_t, float*, float*, float*, const float*, float, float,
                         float, double)
    void mtb_logistic_f(Py_ssize_t, float*)

import numpy as np

# Codes shared with the Python side (sklearn_mtb/_base.py).
ACT_IDENTITY = 0
ACT_LOGISTIC = 1
ACT_TANH = 2
ACT_RELU = 3

HEAD_SQUARED = 0      # linear output, half squared error
HEAD_BINARY = 1       # sigmoid output, log-loss, target in {0, 1}
HEAD_SOFTMAX = 2      # softmax outputs, cross-entropy, target = class index

SOLVER_SGD = 0
SOLVER_ADAM = 1

STATUS_OK = 0
STATUS_NONFINITE = 1

cdef enum:
    C_SOLVER_SGD = 0
    C_SOLVER_ADAM = 1
    C_STATUS_NONFINITE = 1

# Below this many multiply-adds a product is done with the loops of _kernels.h (AVX2
# where the CPU has it) rather than BLAS.  Measured on the 2-core EPYC of the benchmarks:
# same speed up to about 4096 multiply-adds, BLAS faster above; and two threads training
# two nets scale better when tiny products stay out of BLAS.
cdef Py_ssize_t BLAS_MIN_WORK = 4096
# ... and only for products of at least this many rows: at batch size 1 the loops of
# _kernels.h beat a BLAS call at every layer size measured (60-120-10 net, online
# training: 212,000 against 154,000 samples/s in float64, 370,000 against 202,000 in
# float32), while from 4 rows on BLAS is about as fast or faster.
cdef Py_ssize_t BLAS_MIN_ROWS = 4


# ---------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------

cdef inline uint64_t _rng_next(uint64_t* state) noexcept nogil:
    # xorshift64*: small, fast and good enough for shuffling.
    cdef uint64_t x = state[0]
    x ^= x >> 12
    x ^= x << 25
    x ^= x >> 27
    state[0] = x
    return x * <uint64_t>0x2545F4914F6CDD1D


cdef inline Py_ssize_t _rng_below(uint64_t* state, Py_ssize_t n) noexcept nogil:
    # Uniform integer in [0, n) by the multiply-shift method (n < 2**32).
    return <Py_ssize_t>(((_rng_next(state) >> 32) * <uint64_t>n) >> 32)


cdef void _shuffle(Py_ssize_t* order, Py_ssize_t n, uint64_t* state) noexcept nogil:
    cdef Py_ssize_t i, j, tmp
    for i in range(n - 1, 0, -1):
        j = _rng_below(state, i + 1)
        tmp = order[i]
        order[i] = order[j]
        order[j] = tmp


cdef inline double _logistic(double z) noexcept nogil:
    cdef double e
    if z >= 0:
        return 1.0 / (1.0 + exp(-z))
    e = exp(z)
    return e / (1.0 + e)


cdef inline double _softplus(double z) noexcept nogil:
    # log(1 + exp(z)) without overflow.
    if z > 0:
        return z + log1p(exp(-z))
    return log1p(exp(z))


cdef inline void _activate(floating* z, Py_ssize_t n, int activation) noexcept nogil:
    cdef Py_ssize_t i
    if activation == 1:
        # Vectorised, with exp computed inline (_kernels.h).
        if floating is float:
            mtb_logistic_f(n, z)
        else:
            mtb_logistic_d(n, z)
    elif activation == 2:
        for i in range(n):
            z[i] = <floating>tanh(z[i])
    elif activation == 3:
        for i in range(n):
            if z[i] < 0:
                z[i] = 0


cdef inline void _times_derivative(floating* d, const floating* a, Py_ssize_t n,
                                   int activation) noexcept nogil:
    # d *= f'(z), written in terms of the activation a = f(z).
    cdef Py_ssize_t i
    if activation == 1:
        for i in range(n):
            d[i] *= a[i] * (1 - a[i])
    elif activation == 2:
        for i in range(n):
            d[i] *= 1 - a[i] * a[i]
    elif activation == 3:
        for i in range(n):
            if a[i] <= 0:
                d[i] = 0


cdef inline void _gemm(char transa, char transb, int m, int n, int k, floating alpha,
                       const floating* a, int lda, const floating* b, int ldb,
                       floating beta, floating* c, int ldc) noexcept nogil:
    # Row-major C (m x n) = alpha op(A) op(B) + beta C, through column-major BLAS:
    # the column-major view of a row-major matrix is its transpose, so swap the operands.
    if floating is double:
        dgemm(&transb, &transa, &n, &m, &k, &alpha, <double*>b, &ldb, <double*>a, &lda,
              &beta, c, &ldc)
    else:
        sgemm(&transb, &transa, &n, &m, &k, &alpha, <float*>b, &ldb, <float*>a, &lda,
              &beta, c, &ldc)


cdef void _affine(Py_ssize_t n_rows, Py_ssize_t n_in, Py_ssize_t n_out,
                  const floating* A,       # IN  (n_rows, n_in)
                  const floating* W,       # IN  (n_in, n_out)
                  const floating* b,       # IN  (n_out,)
                  floating* Z              # OUT (n_rows, n_out)
                  ) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(n_rows):
        memcpy(&Z[i * n_out], b, n_out * sizeof(floating))
    if n_rows >= BLAS_MIN_ROWS and n_rows * n_in * n_out >= BLAS_MIN_WORK:
        _gemm(c'N', c'N', <int>n_rows, <int>n_out, <int>n_in, 1, A, <int>n_in, W,
              <int>n_out, 1, Z, <int>n_out)
        return
    if floating is double:
        mtb_affine_d(n_rows, n_in, n_out, A, W, Z)
    else:
        mtb_affine_f(n_rows, n_in, n_out, A, W, Z)


cdef void _backprop_delta(Py_ssize_t n_rows, Py_ssize_t n_in, Py_ssize_t n_out,
                          const floating* D,   # IN  (n_rows, n_out) delta of layer l+1
                          const floating* W,   # IN  (n_in, n_out)
                          floating* Dprev      # OUT (n_rows, n_in) = D @ W.T
                          ) noexcept nogil:
    if n_rows >= BLAS_MIN_ROWS and n_rows * n_in * n_out >= BLAS_MIN_WORK:
        _gemm(c'N', c'T', <int>n_rows, <int>n_in, <int>n_out, 1, D, <int>n_out, W,
              <int>n_out, 0, Dprev, <int>n_in)
        return
    if floating is double:
        mtb_backprop_d(n_rows, n_in, n_out, D, W, Dprev)
    else:
        mtb_backprop_f(n_rows, n_in, n_out, D, W, Dprev)


cdef void _weight_grad(Py_ssize_t n_rows, Py_ssize_t n_in, Py_ssize_t n_out,
                       const floating* A,   # IN  (n_rows, n_in) activations of layer l
                       const floating* D,   # IN  (n_rows, n_out) delta of layer l+1
                       floating* G,         # OUT (n_in, n_out) = A.T @ D
                       floating* g          # OUT (n_out,) = column sums of D
                       ) noexcept nogil:
    cdef Py_ssize_t i, j
    cdef const floating* d
    memcpy(g, D, n_out * sizeof(floating))
    for i in range(1, n_rows):
        d = &D[i * n_out]
        for j in range(n_out):
            g[j] += d[j]
    if n_rows >= BLAS_MIN_ROWS and n_rows * n_in * n_out >= BLAS_MIN_WORK:
        _gemm(c'T', c'N', <int>n_in, <int>n_out, <int>n_rows, 1, A, <int>n_in, D,
              <int>n_out, 0, G, <int>n_out)
        return
    if floating is double:
        mtb_outer_d(n_rows, n_in, n_out, A, D, G)
    else:
        mtb_outer_f(n_rows, n_in, n_out, A, D, G)


# ---------------------------------------------------------------------------------------
# The network: layout and workspace
# ---------------------------------------------------------------------------------------

cdef struct Net:
    Py_ssize_t n_layers        # weight layers = hidden layers + 1
    const int* sizes           # n_layers + 1 unit counts, inputs first, outputs last
    Py_ssize_t* w_off          # offset of W_l in the flat parameter vector
    Py_ssize_t* b_off          # offset of b_l
    int activation             # hidden activation code
    Py_ssize_t n_tasks
    const int* head_kind
    const int* head_start      # first output unit of each task's head
    const int* head_width      # 1 (squared, binary) or n_classes (softmax)
    Py_ssize_t max_rows        # rows the workspace holds
    Py_ssize_t* a_off          # offset of layer l's activations in the workspace
    Py_ssize_t* d_off          # offset of layer l's deltas (l >= 1)
    Py_ssize_t* n_present      # per task: rows of the batch with a target
    bint all_squared           # every head linear, task t on output t (a fast path)
    double* coef               # per task: task_scale / n_present of the batch
    double* obj_t              # per task: its part of the batch objective


cdef int _net_init(Net* net, const int[::1] sizes, int activation,
                   const int[::1] head_kind, const int[::1] head_start,
                   const int[::1] head_width, Py_ssize_t max_rows) noexcept nogil:
    cdef Py_ssize_t l, off = 0, aoff = 0, doff = 0
    net.n_layers = sizes.shape[0] - 1
    net.sizes = &sizes[0]
    net.activation = activation
    net.n_tasks = head_kind.shape[0]
    net.head_kind = &head_kind[0]
    net.head_start = &head_start[0]
    net.head_width = &head_width[0]
    net.max_rows = max_rows
    net.w_off = <Py_ssize_t*>malloc(net.n_layers * sizeof(Py_ssize_t))
    net.b_off = <Py_ssize_t*>malloc(net.n_layers * sizeof(Py_ssize_t))
    net.a_off = <Py_ssize_t*>malloc((net.n_layers + 2) * sizeof(Py_ssize_t))
    net.d_off = <Py_ssize_t*>malloc((net.n_layers + 2) * sizeof(Py_ssize_t))
    net.n_present = <Py_ssize_t*>malloc((net.n_tasks + 1) * sizeof(Py_ssize_t))
    net.coef = <double*>malloc((net.n_tasks + 1) * sizeof(double))
    net.obj_t = <double*>malloc((net.n_tasks + 1) * sizeof(double))
    if (net.w_off == NULL or net.b_off == NULL or net.a_off == NULL or net.d_off == NULL
            or net.n_present == NULL or net.coef == NULL or net.obj_t == NULL):
        return -1
    net.all_squared = sizes[net.n_layers] == net.n_tasks
    for l in range(net.n_tasks):
        if head_kind[l] != 0 or head_start[l] != l or head_width[l] != 1:
            net.all_squared = False
    for l in range(net.n_layers):
        net.w_off[l] = off
        off += sizes[l] * sizes[l + 1]
        net.b_off[l] = off
        off += sizes[l + 1]
    for l in range(net.n_layers + 1):
        net.a_off[l] = aoff
        aoff += max_rows * sizes[l]
        net.d_off[l] = doff
        if l > 0:
            doff += max_rows * sizes[l]
    net.a_off[net.n_layers + 1] = aoff
    net.d_off[net.n_layers + 1] = doff
    return 0


cdef void _net_free(Net* net) noexcept nogil:
    free(net.w_off)
    free(net.b_off)
    free(net.a_off)
    free(net.d_off)
    free(net.n_present)
    free(net.coef)
    free(net.obj_t)


cdef void _forward(Net* net, const floating* params, const floating* inputs,
                   floating* act, Py_ssize_t n_rows, Py_ssize_t last_layer) noexcept nogil:
    # Reads the (n_rows, n_features) inputs, fills layers 1..last_layer of act.  The output
    # layer is left as raw scores (the heads are applied by the loss).
    cdef Py_ssize_t l
    cdef const int* sizes = net.sizes
    cdef const floating* a_in
    for l in range(last_layer):
        a_in = inputs if l == 0 else &act[net.a_off[l]]
        _affine(n_rows, sizes[l], sizes[l + 1], a_in,
                &params[net.w_off[l]], &params[net.b_off[l]], &act[net.a_off[l + 1]])
        if l + 1 < net.n_layers:
            _activate(&act[net.a_off[l + 1]], n_rows * sizes[l + 1], net.activation)


cdef inline double _head_loss(int kind, const floating* z, Py_ssize_t width, double y,
                       floating* d, double scale) noexcept nogil:
    # Loss of one head on one row; writes scale * dloss/dz into d (when d is not NULL).
    cdef Py_ssize_t k, cls
    cdef double m, s, lse, p
    if kind == 0:
        p = z[0] - y
        if d != NULL:
            d[0] = <floating>(scale * p)
        return 0.5 * p * p
    if kind == 1:
        if d != NULL:
            d[0] = <floating>(scale * (_logistic(z[0]) - y))
        return _softplus(z[0]) - y * z[0]
    cls = <Py_ssize_t>y
    m = z[0]
    for k in range(1, width):
        if z[k] > m:
            m = z[k]
    s = 0
    for k in range(width):
        s += exp(z[k] - m)
    lse = m + log(s)
    if d != NULL:
        for k in range(width):
            d[k] = <floating>(scale * exp(z[k] - lse))
        d[cls] -= <floating>scale
    return lse - z[cls]


cdef double _output_delta(Net* net, const floating* params, floating* act, floating* dlt,
                          Py_ssize_t n_rows, const Py_ssize_t* rows, const floating* Y,
                          Py_ssize_t y_stride, const floating* sw,
                          const floating* task_scale, double* task_loss,
                          double* task_wsum) noexcept nogil:
    # Forward pass over one minibatch whose inputs are already in act, then the error
    # signal of every head (dJ_B/dz of the output layer) into dlt.  Returns the tasks'
    # part of the batch objective J_B and adds the weighted per-task loss sums of the
    # batch into task_loss / task_wsum (training curves).
    cdef Py_ssize_t L = net.n_layers, n_out = net.sizes[L], i, t, r, k, width, start
    cdef Py_ssize_t n_tasks = net.n_tasks
    cdef double y, loss_it, objective = 0, scale, si
    cdef floating* d
    cdef floating* out = &act[net.a_off[L]]
    cdef floating* dout = &dlt[net.d_off[L]]

    _forward(net, params, &act[net.a_off[0]], act, n_rows, L)

    for t in range(n_tasks):
        net.n_present[t] = 0
    for i in range(n_rows):
        r = rows[i]
        for t in range(n_tasks):
            if not isnan(Y[r * y_stride + t]):
                net.n_present[t] += 1

    if net.all_squared:
        # Linear heads only: one branch-free, vectorised pass per row (_kernels.h).
        for t in range(n_tasks):
            net.coef[t] = (task_scale[t] / net.n_present[t] if net.n_present[t] > 0
                           else 0.0)
            net.obj_t[t] = 0
        for i in range(n_rows):
            r = rows[i]
            if floating is double:
                mtb_squared_heads_d(n_tasks, &out[i * n_out], &Y[r * y_stride],
                                    &dout[i * n_out], net.coef, sw[r], net.obj_t,
                                    task_loss, task_wsum)
            else:
                mtb_squared_heads_f(n_tasks, &out[i * n_out], &Y[r * y_stride],
                                    &dout[i * n_out], net.coef, sw[r], net.obj_t,
                                    task_loss, task_wsum)
        for t in range(n_tasks):
            objective += net.obj_t[t]
        return objective

    for i in range(n_rows):
        r = rows[i]
        si = sw[r]
        for t in range(n_tasks):
            start = net.head_start[t]
            width = net.head_width[t]
            d = &dout[i * n_out + start]
            y = Y[r * y_stride + t]
            if isnan(y):
                for k in range(width):
                    d[k] = 0
                continue
            scale = si * task_scale[t] / net.n_present[t]
            loss_it = _head_loss(net.head_kind[t], &out[i * n_out + start], width, y, d,
                                 scale)
            objective += scale * loss_it
            task_loss[t] += si * loss_it
            task_wsum[t] += si
    return objective


cdef double _batch_gradient(Net* net, const floating* params, floating* grad,
                            floating* act, floating* dlt, Py_ssize_t n_rows,
                            const Py_ssize_t* rows, const floating* Y, Py_ssize_t y_stride,
                            const floating* sw, const floating* task_scale,
                            double alpha, double* task_loss, double* task_wsum) noexcept nogil:
    # Forward and backward pass over one minibatch whose inputs are already in act.
    # Returns the batch objective J_B; writes dJ_B/dparams into grad and adds the weighted
    # per-task loss sums of the batch into task_loss / task_wsum (training curves).
    cdef Py_ssize_t L = net.n_layers, l, k
    cdef double objective, scale, sq
    cdef const floating* W
    objective = _output_delta(net, params, act, dlt, n_rows, rows, Y, y_stride, sw,
                              task_scale, task_loss, task_wsum)

    for l in range(L - 1, -1, -1):
        W = &params[net.w_off[l]]
        _weight_grad(n_rows, net.sizes[l], net.sizes[l + 1], &act[net.a_off[l]],
                     &dlt[net.d_off[l + 1]], &grad[net.w_off[l]], &grad[net.b_off[l]])
        if l > 0:
            _backprop_delta(n_rows, net.sizes[l], net.sizes[l + 1],
                            &dlt[net.d_off[l + 1]], W, &dlt[net.d_off[l]])
            _times_derivative(&dlt[net.d_off[l]], &act[net.a_off[l]],
                              n_rows * net.sizes[l], net.activation)

    if alpha > 0:
        scale = alpha / n_rows
        for l in range(L):
            sq = 0
            for k in range(net.w_off[l], net.b_off[l]):
                sq += params[k] * params[k]
                grad[k] += <floating>(scale * params[k])
            objective += 0.5 * scale * sq
    return objective


cdef double _online_sgd_step(Net* net, floating* params, floating* velocity,
                             floating* act, floating* dlt, Py_ssize_t row, const floating* Y,
                             Py_ssize_t y_stride, const floating* sw,
                             const floating* task_scale, floating momentum,
                             floating learning_rate, double* task_loss,
                             double* task_wsum) noexcept nogil:
    # One online (batch of one row) SGD step without an L2 penalty, with the weight
    # gradient a_l d_{l+1}^T of each layer computed inside its update: the same step as
    # _batch_gradient followed by the SGD update, without writing and reading back a
    # gradient vector as long as the parameters.  Layer l's deltas are propagated with
    # W_l before W_l is updated.  Returns the row's objective.
    cdef Py_ssize_t L = net.n_layers, l, j, n_in, n_out
    cdef double objective
    cdef floating* d
    cdef floating* b
    cdef floating* vb
    objective = _output_delta(net, params, act, dlt, 1, &row, Y, y_stride, sw, task_scale,
                              task_loss, task_wsum)
    for l in range(L - 1, -1, -1):
        n_in = net.sizes[l]
        n_out = net.sizes[l + 1]
        d = &dlt[net.d_off[l + 1]]
        if l > 0:
            _backprop_delta(1, n_in, n_out, d, &params[net.w_off[l]], &dlt[net.d_off[l]])
            _times_derivative(&dlt[net.d_off[l]], &act[net.a_off[l]], n_in,
                              net.activation)
        if floating is double:
            mtb_outer_sgd_step_d(n_in, n_out, &act[net.a_off[l]], d,
                                 &params[net.w_off[l]], &velocity[net.w_off[l]],
                                 momentum, learning_rate)
        else:
            mtb_outer_sgd_step_f(n_in, n_out, &act[net.a_off[l]], d,
                                 &params[net.w_off[l]], &velocity[net.w_off[l]],
                                 momentum, learning_rate)
        b = &params[net.b_off[l]]
        vb = &velocity[net.b_off[l]]
        for j in range(n_out):
            vb[j] = momentum * vb[j] - learning_rate * d[j]
            b[j] += vb[j]
    return objective


cdef void _gather(const floating* X, Py_ssize_t n_features, const Py_ssize_t* rows,
                  Py_ssize_t n_rows, floating* dest) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(n_rows):
        memcpy(&dest[i * n_features], &X[rows[i] * n_features],
               n_features * sizeof(floating))


# ---------------------------------------------------------------------------------------
# Python entry points
# ---------------------------------------------------------------------------------------

def logistic(floating[::1] z):
    """The core's logistic activation, in place, float32 or float64 (exposed for tests)."""
    if z.shape[0] == 0:
        return
    with nogil:
        if floating is float:
            mtb_logistic_f(z.shape[0], &z[0])
        else:
            mtb_logistic_d(z.shape[0], &z[0])


def set_blas_min_work(Py_ssize_t work):
    """Set the product size (multiply-adds) from which BLAS replaces plain loops.

    Returns the previous value. For benchmarks and tests of both code paths.
    """
    global BLAS_MIN_WORK
    previous = BLAS_MIN_WORK
    BLAS_MIN_WORK = work
    return previous


def set_blas_min_rows(Py_ssize_t rows):
    """Set the number of rows from which a product may go to BLAS; return the previous.

    For benchmarks and tests of both code paths.
    """
    global BLAS_MIN_ROWS
    previous = BLAS_MIN_ROWS
    BLAS_MIN_ROWS = rows
    return previous


def n_params(const int[::1] sizes):
    """Length of the flat parameter vector of a net with these layer sizes."""
    cdef Py_ssize_t l, total = 0
    for l in range(sizes.shape[0] - 1):
        total += (sizes[l] + 1) * sizes[l + 1]
    return total


def train_epoch(
    floating[::1] params,               # IN/OUT flat weights and biases
    const floating[:, ::1] X,           # IN  (n_samples, n_features)
    const floating[:, ::1] Y,           # IN  (n_samples, n_tasks) encoded targets, NaN missing
    const floating[::1] sample_weight,  # IN  (n_samples,)
    const int[::1] sizes,               # IN  unit counts, inputs first
    int activation,
    const int[::1] head_kind,           # IN  (n_tasks,)
    const int[::1] head_start,          # IN  (n_tasks,)
    const int[::1] head_width,          # IN  (n_tasks,)
    const floating[::1] task_scale,     # IN  (n_tasks,) w_t / c_t
    int solver,
    double learning_rate,
    double momentum,
    double beta_1,
    double beta_2,
    double epsilon,
    double alpha,                       # L2 penalty already divided by the mean sample weight
    floating[::1] state_1,              # IN/OUT momentum velocity, or Adam first moment
    floating[::1] state_2,              # IN/OUT Adam second moment (unused by sgd)
    long long[::1] step,                # IN/OUT number of updates done so far (Adam)
    Py_ssize_t batch_size,
    bint shuffle,
    unsigned long long[::1] rng_state,  # IN/OUT xorshift state, never 0
    double[::1] task_loss,              # OUT (n_tasks,) weighted mean loss per task
    double[::1] task_wsum,              # OUT (n_tasks,) sample weight seen per task
):
    """Run one epoch of minibatch training in place; return (status, mean objective).

    status is 0, or 1 when the loss or the weights stopped being finite (the epoch is cut
    short and the weights are left as they were at that point).
    """
    cdef Py_ssize_t n_samples = X.shape[0], n_features = X.shape[1]
    cdef Py_ssize_t n_tasks = head_kind.shape[0], P = params.shape[0]
    cdef Py_ssize_t start, n_rows, i, k
    cdef Py_ssize_t y_stride = Y.shape[1]
    cdef int status = 0
    cdef double objective, total = 0, lr_t
    cdef floating* w = &params[0]
    cdef floating* v = &state_1[0]
    cdef floating* m2 = &state_2[0] if state_2.shape[0] > 0 else NULL
    cdef uint64_t rng = rng_state[0]
    cdef long long t_step = step[0]
    cdef Net net
    cdef floating* act = NULL
    cdef floating* dlt = NULL
    cdef floating* grad = NULL
    cdef Py_ssize_t* order = NULL
    cdef floating fmom = <floating>momentum
    # Online SGD without a penalty takes the fused step (same arithmetic, less memory).
    cdef bint fused = solver == C_SOLVER_SGD and batch_size == 1 and alpha == 0
    cdef floating flr = <floating>learning_rate
    cdef floating fb1 = <floating>beta_1, fb2 = <floating>beta_2, feps = <floating>epsilon

    if batch_size < 1:
        batch_size = 1
    if batch_size > n_samples:
        batch_size = n_samples
    if X.shape[1] != sizes[0] or Y.shape[0] != n_samples:
        raise ValueError("train_epoch: X, Y and sizes disagree")
    if n_params(sizes) != P or state_1.shape[0] != P:
        raise ValueError("train_epoch: parameter vector has the wrong length")
    if solver == SOLVER_ADAM and state_2.shape[0] != P:
        raise ValueError("train_epoch: Adam needs a second-moment vector")

    with nogil:
        if _net_init(&net, sizes, activation, head_kind, head_start, head_width,
                     batch_size) != 0:
            status = -1
        else:
            act = <floating*>malloc(net.a_off[net.n_layers + 1] * sizeof(floating))
            dlt = <floating*>malloc((net.d_off[net.n_layers + 1] + 1) * sizeof(floating))
            grad = <floating*>malloc(P * sizeof(floating))
            order = <Py_ssize_t*>malloc(n_samples * sizeof(Py_ssize_t))
            if act == NULL or dlt == NULL or grad == NULL or order == NULL:
                status = -1
        if status == 0:
            for k in range(n_tasks):
                task_loss[k] = 0
                task_wsum[k] = 0
            for i in range(n_samples):
                order[i] = i
            if shuffle:
                _shuffle(order, n_samples, &rng)
            start = 0
            while start < n_samples:
                n_rows = batch_size
                if start + n_rows > n_samples:
                    n_rows = n_samples - start
                _gather(&X[0, 0], n_features, &order[start], n_rows, act)
                if fused:
                    objective = _online_sgd_step(&net, w, v, act, dlt, order[start],
                                                 &Y[0, 0], y_stride, &sample_weight[0],
                                                 &task_scale[0], fmom, flr, &task_loss[0],
                                                 &task_wsum[0])
                    if not isfinite(objective):
                        status = C_STATUS_NONFINITE
                        break
                    total += objective
                    t_step += 1
                    start += 1
                    continue
                objective = _batch_gradient(&net, w, grad, act, dlt, n_rows, &order[start],
                                            &Y[0, 0], y_stride, &sample_weight[0],
                                            &task_scale[0], alpha, &task_loss[0],
                                            &task_wsum[0])
                if not isfinite(objective):
                    status = C_STATUS_NONFINITE
                    break
                total += objective * n_rows
                t_step += 1
                if solver == C_SOLVER_SGD:
                    if floating is double:
                        mtb_sgd_step_d(P, w, v, grad, fmom, flr)
                    else:
                        mtb_sgd_step_f(P, w, v, grad, fmom, flr)
                else:
                    lr_t = (learning_rate * sqrt(1 - beta_2 ** t_step)
                            / (1 - beta_1 ** t_step))
                    if floating is double:
                        mtb_adam_step_d(P, w, v, m2, grad, fb1, fb2, feps, lr_t)
                    else:
                        mtb_adam_step_f(P, w, v, m2, grad, fb1, fb2, feps, lr_t)
                start += n_rows
            if status == 0:
                for k in range(P):
                    if not isfinite(w[k]):
                        status = C_STATUS_NONFINITE
                        break
            for k in range(n_tasks):
                if task_wsum[k] > 0:
                    task_loss[k] /= task_wsum[k]
        _net_free(&net)
        free(act)
        free(dlt)
        free(grad)
        free(order)

    if status < 0:
        raise MemoryError("could not allocate the training workspace")
    rng_state[0] = rng
    step[0] = t_step
    return status, total / n_samples


def loss_and_gradient(
    const floating[::1] params,
    const floating[:, ::1] X,
    const floating[:, ::1] Y,
    const floating[::1] sample_weight,
    const int[::1] sizes,
    int activation,
    const int[::1] head_kind,
    const int[::1] head_start,
    const int[::1] head_width,
    const floating[::1] task_scale,
    double alpha,
):
    """Objective J_B and its gradient for one batch made of all rows of X (for tests).

    Returns (objective, gradient, task_loss) where gradient has the layout of params and
    task_loss is the weighted mean loss of each task over its present rows.
    """
    cdef Py_ssize_t n_samples = X.shape[0], i, P = params.shape[0]
    cdef Py_ssize_t n_tasks = head_kind.shape[0]
    cdef Net net
    cdef double objective = 0
    dtype = np.float32 if floating is float else np.float64
    grad_arr = np.zeros(P, dtype=dtype)
    cdef floating[::1] grad = grad_arr
    act_arr = np.zeros(max(1, n_samples * sum(sizes)), dtype=dtype)
    dlt_arr = np.zeros(max(1, n_samples * sum(sizes)), dtype=dtype)
    cdef floating[::1] act = act_arr
    cdef floating[::1] dlt = dlt_arr
    rows_arr = np.arange(n_samples, dtype=np.intp)
    cdef Py_ssize_t[::1] rows = rows_arr
    loss_arr = np.zeros(n_tasks)
    wsum_arr = np.zeros(n_tasks)
    cdef double[::1] loss = loss_arr
    cdef double[::1] wsum = wsum_arr
    if n_params(sizes) != P:
        raise ValueError("parameter vector has the wrong length")
    with nogil:
        if _net_init(&net, sizes, activation, head_kind, head_start, head_width,
                     n_samples) == 0:
            _gather(&X[0, 0], X.shape[1], &rows[0], n_samples, &act[0])
            objective = _batch_gradient(&net, &params[0], &grad[0], &act[0], &dlt[0],
                                        n_samples, &rows[0], &Y[0, 0], Y.shape[1],
                                        &sample_weight[0], &task_scale[0], alpha,
                                        &loss[0], &wsum[0])
        _net_free(&net)
    with np.errstate(invalid="ignore", divide="ignore"):
        loss_arr = loss_arr / wsum_arr
    return objective, grad_arr, loss_arr


def forward(
    const floating[::1] params,
    const floating[:, ::1] X,
    const int[::1] sizes,
    int activation,
    Py_ssize_t layer,
):
    """Activations of ``layer`` (1..n_layers) for every row of X.

    The last layer gives the raw output scores, before any head's link function.
    """
    cdef Py_ssize_t n_samples = X.shape[0], n_features = X.shape[1]
    cdef Py_ssize_t chunk = 256, start, n_rows, i, width = sizes[layer]
    cdef Net net
    cdef int[::1] no_heads = np.zeros(1, dtype=np.intc)
    dtype = np.float32 if floating is float else np.float64
    out_arr = np.empty((n_samples, width), dtype=dtype)
    cdef floating[:, ::1] out = out_arr
    cdef floating* act = NULL
    cdef Py_ssize_t* rows = NULL
    cdef int failed = 0
    if layer < 1 or layer > sizes.shape[0] - 1:
        raise ValueError("layer out of range")
    if n_features != sizes[0]:
        raise ValueError("X has the wrong number of columns")
    if n_samples == 0:
        return out_arr
    with nogil:
        if _net_init(&net, sizes, activation, no_heads, no_heads, no_heads, chunk) != 0:
            failed = 1
        else:
            act = <floating*>malloc(net.a_off[net.n_layers + 1] * sizeof(floating))
            rows = <Py_ssize_t*>malloc(chunk * sizeof(Py_ssize_t))
            if act == NULL or rows == NULL:
                failed = 1
        if not failed:
            start = 0
            while start < n_samples:
                n_rows = min(chunk, n_samples - start)
                _forward(&net, &params[0], &X[start, 0], act, n_rows, layer)
                memcpy(&out[start, 0], &act[net.a_off[layer]],
                       n_rows * width * sizeof(floating))
                start += n_rows
        _net_free(&net)
        free(act)
        free(rows)
    if failed:
        raise MemoryError("could not allocate the prediction workspace")
    return out_arr


def evaluate(
    const floating[::1] params,
    const floating[:, ::1] X,
    const floating[:, ::1] Y,
    const floating[::1] sample_weight,
    const int[::1] sizes,
    int activation,
    const int[::1] head_kind,
    const int[::1] head_start,
    const int[::1] head_width,
    double[::1] error,                  # OUT (n_tasks,)
):
    """Per-task validation error from one forward pass over X, written into ``error``.

    Regression heads give the (sample-weighted) root mean squared error, classification
    heads the mean log-loss, each over the rows where that task's target is present; a
    task with no present target gets NaN.
    """
    cdef Py_ssize_t n_samples = X.shape[0], n_features = X.shape[1]
    cdef Py_ssize_t chunk = 256, start, n_rows, i, t, r, L, n_out
    cdef Py_ssize_t n_tasks = head_kind.shape[0]
    cdef Net net
    cdef floating* act = NULL
    cdef double* num = NULL
    cdef double* den = NULL
    cdef double y, loss_it, si
    cdef int failed = 0
    cdef bint all_squared = sizes[sizes.shape[0] - 1] == n_tasks
    if n_features != sizes[0] or Y.shape[0] != n_samples or Y.shape[1] != n_tasks:
        raise ValueError("evaluate: X, Y and sizes disagree")
    for t in range(n_tasks):
        if head_kind[t] != HEAD_SQUARED or head_start[t] != t or head_width[t] != 1:
            all_squared = False
    with nogil:
        if _net_init(&net, sizes, activation, head_kind, head_start, head_width,
                     chunk) != 0:
            failed = 1
        else:
            act = <floating*>malloc(net.a_off[net.n_layers + 1] * sizeof(floating))
            num = <double*>malloc((n_tasks + 1) * sizeof(double))
            den = <double*>malloc((n_tasks + 1) * sizeof(double))
            if act == NULL or num == NULL or den == NULL:
                failed = 1
        if not failed:
            L = net.n_layers
            n_out = net.sizes[L]
            for t in range(n_tasks):
                num[t] = 0
                den[t] = 0
            start = 0
            while start < n_samples:
                n_rows = min(chunk, n_samples - start)
                _forward(&net, &params[0], &X[start, 0], act, n_rows, L)
                if all_squared:
                    if floating is double:
                        mtb_squared_error_sums_d(n_rows, n_tasks, &act[net.a_off[L]],
                                                 &Y[start, 0], &sample_weight[start],
                                                 num, den)
                    else:
                        mtb_squared_error_sums_f(n_rows, n_tasks, &act[net.a_off[L]],
                                                 &Y[start, 0], &sample_weight[start],
                                                 num, den)
                    start += n_rows
                    continue
                for i in range(n_rows):
                    r = start + i
                    si = sample_weight[r]
                    for t in range(n_tasks):
                        y = Y[r, t]
                        if isnan(y):
                            continue
                        loss_it = _head_loss(net.head_kind[t],
                                             &act[net.a_off[L] + i * n_out
                                                  + net.head_start[t]],
                                             net.head_width[t], y, <floating*>NULL, 0)
                        if net.head_kind[t] == 0:
                            loss_it *= 2    # squared error, for the RMSE
                        num[t] += si * loss_it
                        den[t] += si
                start += n_rows
            for t in range(n_tasks):
                if den[t] > 0:
                    error[t] = num[t] / den[t]
                    if net.head_kind[t] == 0:
                        error[t] = sqrt(error[t])
                else:
                    error[t] = NAN
        _net_free(&net)
        free(act)
        free(num)
        free(den)
    if failed:
        raise MemoryError("could not allocate the evaluation workspace")
