// The math core (matrices, softmax, attention, LayerNorm, eig, SVD, gradient descent) is
// built in its own issue; this package exists so the workspace has its final shape.
export {};
