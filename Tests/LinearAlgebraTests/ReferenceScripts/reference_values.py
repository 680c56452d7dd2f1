"""Prints the NumPy/SciPy reference values inlined in the LinearAlgebra tests.

Run: python3 reference_values.py   (NumPy 2.4, SciPy 1.17 produced the values in the tests).
R's values (lm, hatvalues, cov.unscaled) come from reference_values.R next to this file.
"""
import numpy as np
import scipy.linalg as sl

np.set_printoptions(precision=17, floatmode="unique")


def show(name, value):
    print(f"{name} = {np.array2string(np.asarray(value), separator=', ', max_line_width=200)}")


# BLAS
A = np.array([[1.0, 2, 3], [4, 5, 6]])
B = np.array([[7.0, 8], [9, 10], [11, 12]])
C = np.array([[1.0, -1], [0.5, 2], [-3, 0.25]])
show("A @ B", A @ B)
show("A.T @ C.T", A.T @ C.T)
show("A @ C", A @ C)
show("A.T @ A (gram)", A.T @ A)
show("A @ [1, 0, -1]", A @ np.array([1.0, 0, -1]))
show("A.T @ [1, 1]", A.T @ np.array([1.0, 1]))
show("C.T @ [2, -2, 4]", C.T @ np.array([2.0, -2, 4]))
show("B @ B.T", B @ B.T)

# dgesv
M = np.array([[4.0, -2, 1], [-2, 4, -2], [1, -2, 4]])
show("solve(M, [11, -16, 17])", np.linalg.solve(M, [11.0, -16, 17]))
G = np.array([[2.0, 1, 1], [1, 3, 2], [1, 0, 0]])
RHS = np.array([[4.0, 1], [5, 0], [6, -1]])
show("solve(G, RHS)", np.linalg.solve(G, RHS))

# Cholesky
S = np.array([[4.0, 12, -16], [12, 37, -43], [-16, -43, 98]])
show("cholesky(S) upper", sl.cholesky(S, lower=False))
show("inv(S)", np.linalg.inv(S))
show("solve(S, [1, 2, 3])", np.linalg.solve(S, [1.0, 2, 3]))

# Symmetric eigendecomposition
T = np.array([[2.0, 1, 0], [1, 2, 1], [0, 1, 2]])
show("eigvalsh(T)", np.linalg.eigvalsh(T))
P = np.array([[5.0, 2, 0.5, 1], [2, 4, 1, 0], [0.5, 1, 3, 0.2], [1, 0, 0.2, 2]])
show("eigvalsh(P)", np.linalg.eigvalsh(P))
w, V = np.linalg.eigh(P)
show("P^(-1/2)", V @ np.diag(w ** -0.5) @ V.T)

# SVD
D = np.array([[3.0, 2, 2], [2, 3, -2]])
show("svdvals(D)", np.linalg.svd(D, compute_uv=False))
E = np.array([[1.0, 2], [3, 4], [5, 6], [7, 8]])
show("svdvals(E)", np.linalg.svd(E, compute_uv=False))
show("matrix_rank([[1,2],[2,4],[3,6]])", np.linalg.matrix_rank(np.array([[1.0, 2], [2, 4], [3, 6]])))

# Triangular solves
U = np.array([[2.0, 1, -1], [0, 3, 2], [0, 0, 4]])
show("solve_triangular(U, [1, 2, 3])", sl.solve_triangular(U, [1.0, 2, 3], lower=False))
show("solve_triangular(U.T, [1, 2, 3])", sl.solve_triangular(U, [1.0, 2, 3], lower=False, trans="T"))
L = U.T
show("solve_triangular(L, [1, 2, 3])", sl.solve_triangular(L, [1.0, 2, 3], lower=True))

# Least squares (R's lm gives the same; see reference_values.R)
x1 = np.array([0.5, 1.7, 2.3, 3.1, 4.8, 5.2, 6.9, 7.4])
x2 = np.array([1.0, 0, 1, 1, 0, 0, 1, 0])
y = np.array([1.9, 2.8, 4.6, 5.1, 5.9, 6.3, 9.2, 8.1])
X = np.column_stack([np.ones(8), x1, x2])
beta, rss, rank, _ = np.linalg.lstsq(X, y, rcond=None)
show("lstsq coefficients", beta)
show("lstsq rss", rss)
q, _ = np.linalg.qr(X)
show("leverages", (q ** 2).sum(axis=1))
show("inv(X'X)", np.linalg.inv(X.T @ X))

# Full pivoting (dgeqp3) on the aliased design X = [1, a, b, a + b]
a = np.array([1.2, -0.7, 3.1, 0.4, 2.2, -1.5, 0.9])
b = np.array([0.3, 1.8, -0.6, 2.5, 0.1, 1.1, -2.0])
_, r, p = sl.qr(np.column_stack([np.ones(7), a, b, a + b]), pivoting=True, mode="economic")
show("dgeqp3 pivot", p)
show("dgeqp3 |diag R|", np.abs(np.diag(r)))
