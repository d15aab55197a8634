import KGAnalysis
import KGLanguage
import KGStore

/// Loads the plain ground facts of a file straight from its bytes (`FactScanner`), interning
/// their terms from bytes too (`TermDictionary.internEntity`/`internString`). It declines whatever needs the parser — and a
/// fact whose predicate is new to this loader is checked like any other (arity, built-in
/// names), so the fast path changes speed, never meaning.
final class FactLoader {
    private unowned let session: Session
    private let file: SourceFile
    /// Strong, not unowned: every fact touches it, and an unowned reference costs a
    /// retain-and-check per use. The loader lives only as long as one file's load.
    private let dictionary: TermDictionary
    private let arguments = UnsafeMutablePointer<FactScanner.Argument>.allocate(capacity: 16)
    private let tuple = UnsafeMutablePointer<TermID>.allocate(capacity: 16)
    /// Relations by the interned id of their predicate's name.
    private var known: [TermID: Relation] = [:]
    /// Lines counted so far (`excerpt(at:)`): the line number of byte `countedTo`, and where
    /// that line starts.
    private var countedTo = 0, line = 1, lineStart = 0

    init(session: Session, file: SourceFile) {
        self.session = session
        self.file = file
        dictionary = session.database.dictionary
    }

    deinit {
        arguments.deallocate()
        tuple.deallocate()
    }

    /// Loads the fact at `start`; returns the offset after it, or nil to let the parser read it.
    /// `bytes` are the file's bytes, borrowed for the whole load by the caller.
    func load(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, source: Term?, into result: inout LoadResult) -> Int? {
        do {
            guard let (predicate, count, end) = FactScanner.scan(bytes, at: start, into: arguments, capacity: 16) else { return nil }
            guard let relation = relation(bytes, predicate, arity: count) else { return nil }
            for i in 0..<count {
                let a = arguments[i]
                switch a.kind {
                case .entity: tuple[i] = dictionary.internEntity(UnsafeBufferPointer(rebasing: bytes[a.start..<a.end]))
                case .string: tuple[i] = dictionary.internString(UnsafeBufferPointer(rebasing: bytes[a.start..<a.end]))
                case .integer: tuple[i] = dictionary.internInteger(a.integer)
                }
            }
            relation.insert(UnsafeBufferPointer(start: tuple, count: count), source: source.map { dictionary.intern($0) },
                            unsourced: session.database.unsourced)
            result.factsAdded += 1
            return end
        }
    }

    /// The relation for a fact's predicate, after the same checks the parser path makes;
    /// nil to decline (built-in name, arity mismatch: the parser reports those). Relations are
    /// cached by the predicate name's interned id, since data files alternate predicates.
    private func relation(_ bytes: UnsafeBufferPointer<UInt8>, _ predicate: Range<Int>, arity: Int) -> Relation? {
        let id = dictionary.internEntity(UnsafeBufferPointer(rebasing: bytes[predicate]))
        if let known = known[id] { return known.arity == arity ? known : nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[predicate]), as: UTF8.self)
        guard !BuiltinCatalog.isBuiltin(name) else { return nil }
        if let entry = session.table[name] {
            guard entry.arity == arity else { return nil }
        } else if session.table.use(name, spelling: name, arity: arity,
                                    at: excerpt(bytes, predicate)) != nil {
            return nil
        }
        session.table.markFacts(name)
        session.noteRelation(name)
        let relation = session.database.relation(name, arity: arity)
        guard relation.arity == arity else { return nil }
        known[id] = relation
        return relation
    }

    /// The range of `predicate` in a one-line excerpt of the file: the predicate table keeps
    /// it (a first use), and the whole file's bytes need not stay alive with it. Lines are
    /// counted once through the file, however many predicates it brings.
    private func excerpt(_ bytes: UnsafeBufferPointer<UInt8>, _ predicate: Range<Int>) -> SourceRange {
        let offset = predicate.lowerBound
        if offset < countedTo { (countedTo, line, lineStart) = (0, 1, 0) }
        for i in countedTo..<offset where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        countedTo = offset
        let lineFile = file.excerpt(line: line, at: lineStart)
        return SourceRange(file: lineFile, start: offset - lineStart, end: predicate.upperBound - lineStart)
    }
}
