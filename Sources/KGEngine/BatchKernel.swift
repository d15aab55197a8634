import KGStore

/// One step of a rule's join prepared for `BatchExecutor`: what the step does to a whole batch
/// of bindings, with its operands resolved once, when the plan is made ready, into flat lists
/// of (column, register) pairs, so the loops over rows never decode an `ArgOp`.
struct BatchKernel {
    enum Kind: UInt8 {
        /// Rows of the relation in `[lo, hi)` with no key: each matching row extends the binding.
        case scanAll
        /// Rows reached through hash index `index` on the key columns.
        case scanIndex
        /// Every column is known: keeps the bindings whose tuple is in `[lo, hi)` (a filter).
        case probe
        /// Keeps the bindings for which no row of the relation matches (a filter).
        case negation
        /// Two registers compared as ids (a filter), or any comparison through expressions.
        case compareSlots
        case compare
        /// Writes the expression's value into register `target` (in place).
        case assign
        /// Keeps nothing.
        case fail
        /// Any other step (built-ins, triple/quad, body aggregates, cited, range): run for each
        /// binding by an `Executor` positioned at this step.
        case fallback
    }

    var kind: Kind
    /// The plan's step this kernel runs.
    var step: Int
    /// Index into the plan's relations (scans, probes, negations).
    var relation = -1
    var arity = 0
    var index = -1
    var delta = false
    /// Ranges of `BatchExecutor.operands`, each entry a (column, value) pair: `keys` holds the
    /// columns whose value is known before the step (the value's source in `keySources`),
    /// `binds` the columns that set a register, `checks` the columns that must equal the
    /// column of the same atom that binds their variable (`p(X, X)`: the operand's value is
    /// that column).
    var keys: Range<Int> = 0..<0
    var binds: Range<Int> = 0..<0
    var checks: Range<Int> = 0..<0
    /// True when some key is an expression (evaluated per binding; a value the dictionary has
    /// never seen matches nothing).
    var hasComputedKey = false
}

/// Where a key column's value comes from.
struct KeySource {
    enum Kind: UInt8 { case constant, register, computed }
    var kind: Kind
    /// The term id (constant), register number, or expression index (computed).
    var value: Int
}
