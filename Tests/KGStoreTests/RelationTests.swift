import Testing
import KGTestSupport
@testable import KGStore

/// The row number of `tuple` in `relation` (or -1), through `find`.
private func findRow(_ relation: Relation, _ tuple: [TermID]) -> Int {
    tuple.withUnsafeBufferPointer { relation.find($0) }
}

/// Every row of `relation`, in storage order.
private func allRows(_ relation: Relation) -> [[TermID]] { (0..<relation.count).map { relation.row($0) } }

/// The rows an index lookup visits for `key` (values of `columns`, in order), keeping only
/// rows whose key columns really match (buckets may be shared), in chain order.
private func lookup(_ relation: Relation, columns: [Int], key: [TermID]) -> [Int] {
    let index = relation.index(on: columns)
    // Index keys hash the key columns' values in order, from a zero seed.
    var h: UInt64 = 0
    for x in key { h = mixHash(h, x) }
    let hash = finishHash(h)
    var out: [Int] = []
    var row = relation.firstRow(index: index, keyHash: hash)
    var steps = 0
    while row >= 0 {
        let r = Int(row)
        if columns.map({ relation.value(row: r, column: $0) }) == key { out.append(r) }
        row = relation.nextRow(index: index, after: row)
        steps += 1
        if steps > relation.count + 1 { Issue.record("index chain longer than the relation: a cycle"); break }
    }
    return out
}

@Suite struct RelationTests {
    @Test func insertDeduplicates() {
        let r = Relation(arity: 2)
        #expect(r.insert([1, 2]) == true)
        #expect(r.insert([1, 2]) == false)
        #expect(r.insert([2, 1]) == true)
        #expect(r.insert([1, 2]) == false)
        #expect(r.count == 2)
        #expect(allRows(r) == [[1, 2], [2, 1]])
    }

    @Test func findReturnsRowNumbers() {
        let r = Relation(arity: 3)
        r.insert([1, 2, 3])
        r.insert([3, 2, 1])
        r.insert([1, 1, 1])
        #expect(findRow(r, [3, 2, 1]) == 1)
        #expect(findRow(r, [1, 1, 1]) == 2)
        #expect(findRow(r, [1, 2, 3]) == 0)
        #expect(findRow(r, [2, 2, 2]) == -1)
        #expect(r.contains([1, 2, 3]))
        #expect(!r.contains([1, 2, 4]))
        #expect(r.value(row: 1, column: 0) == 3)
        #expect(r.value(row: 1, column: 2) == 1)
    }

    @Test func arityZeroHoldsAtMostOneRow() {
        let r = Relation(arity: 0)
        #expect(!r.contains([]))
        #expect(r.insert([]) == true)
        #expect(r.insert([]) == false)
        #expect(r.count == 1)
        #expect(r.contains([]))
    }

    @Test func indexLookupFindsEveryRowOfAKey() {
        let r = Relation(arity: 2)
        for (s, o) in [(1, 10), (2, 20), (1, 11), (3, 10), (1, 12)] { r.insert([TermID(s), TermID(o)]) }
        #expect(Set(lookup(r, columns: [0], key: [1])) == [0, 2, 4])
        #expect(lookup(r, columns: [0], key: [2]) == [1])
        #expect(lookup(r, columns: [0], key: [9]) == [])
        #expect(Set(lookup(r, columns: [1], key: [10])) == [0, 3])
        // Chains run newest first.
        #expect(lookup(r, columns: [0], key: [1]) == [4, 2, 0])
    }

    @Test func indexCatchesUpWithRowsAddedLater() {
        let r = Relation(arity: 2)
        r.insert([1, 1])
        #expect(lookup(r, columns: [0], key: [1]) == [0])
        for i in 2..<40 { r.insert([TermID(i % 3), TermID(i)]) }
        // index(on:) catches up on demand; catchUpIndexes does it for all.
        r.catchUpIndexes()
        let expected = (0..<r.count).filter { r.value(row: $0, column: 0) == 1 }
        #expect(Set(lookup(r, columns: [0], key: [1])) == Set(expected))
        #expect(lookup(r, columns: [0], key: [1]).count == expected.count)
    }

    @Test func sameIndexNumberForSameColumns() {
        let r = Relation(arity: 3)
        r.insert([1, 2, 3])
        let a = r.index(on: [0, 2])
        let b = r.index(on: [1])
        #expect(a != b)
        #expect(r.index(on: [0, 2]) == a)
        #expect(r.index(on: [1]) == b)
    }

    @Test func truncateDropsLaterRowsAndTheirSources() {
        let r = Relation(arity: 2)
        r.insert([1, 2], source: 100, unsourced: 0)
        r.insert([3, 4], source: 101, unsourced: 0)
        r.insert([5, 6], source: 102, unsourced: 0)
        _ = r.index(on: [0])
        r.truncate(to: 1)
        #expect(r.count == 1)
        #expect(allRows(r) == [[1, 2]])
        #expect(!r.contains([3, 4]))
        #expect(!r.contains([5, 6]))
        #expect(r.sources == [0: [100]])
        #expect(lookup(r, columns: [0], key: [3]) == [])
        #expect(lookup(r, columns: [0], key: [1]) == [0])
        // The dedup set forgot the dropped rows: they can be inserted again.
        #expect(r.insert([3, 4]) == true)
        #expect(findRow(r, [3, 4]) == 1)
        // Truncating to a larger count changes nothing.
        r.truncate(to: 10)
        #expect(r.count == 2)
    }

    @Test func removeDeletesOneRowAndKeepsTheOthersFindable() {
        let r = Relation(arity: 2)
        r.insert([1, 2], source: 100, unsourced: 0)
        r.insert([3, 4], source: 101, unsourced: 0)
        r.insert([5, 6], source: 102, unsourced: 0)
        #expect(r.remove([3, 4]) == true)
        #expect(r.remove([3, 4]) == false)
        #expect(r.remove([9, 9]) == false)
        #expect(r.count == 2)
        #expect(!r.contains([3, 4]))
        #expect(findRow(r, [1, 2]) == 0)
        #expect(findRow(r, [5, 6]) == 1)
        // Sources follow their rows to their new row numbers.
        #expect(r.sources == [0: [100], 1: [102]])
        #expect(lookup(r, columns: [1], key: [6]) == [1])
        #expect(lookup(r, columns: [1], key: [4]) == [])
    }

    @Test func sourcesAccumulateWithoutDuplicates() {
        let r = Relation(arity: 2)
        r.insert([1, 2], source: 7, unsourced: 0)
        r.insert([1, 2], source: 8, unsourced: 0)
        r.insert([1, 2], source: 7, unsourced: 0)
        r.insert([1, 2], source: nil, unsourced: 0)
        r.insert([3, 4], source: nil, unsourced: 0)
        #expect(r.count == 2)
        // [1, 2] was also stated under no source: `unsourced` (0) joins its sources.
        #expect(r.sources == [0: [7, 8, 0]])
    }

    /// A fact stated under no source and under a source keeps both, in either order; one
    /// stated only under no source has no entry (and costs nothing).
    @Test func aFactStatedWithAndWithoutASourceKeepsBoth() {
        let r = Relation(arity: 2)
        r.insert([1, 2], source: nil, unsourced: 0)
        r.insert([1, 2], source: 5, unsourced: 0)
        r.insert([3, 4], source: 5, unsourced: 0)
        r.insert([3, 4], source: nil, unsourced: 0)
        r.insert([3, 4], source: nil, unsourced: 0)
        r.insert([6, 7], source: nil, unsourced: 0)
        r.insert([6, 7], source: nil, unsourced: 0)
        #expect(r.count == 3)
        #expect(r.sources == [0: [0, 5], 1: [5, 0]])
    }

    @Test func copyIsIndependent() {
        let r = Relation(arity: 2)
        for i in 0..<20 { r.insert([TermID(i), TermID(i % 4)], source: i == 0 ? 99 : nil, unsourced: 0) }
        _ = r.index(on: [1])
        let c = r.copy()
        #expect(allRows(c) == allRows(r))
        #expect(c.insert([100, 0]) == true)
        #expect(r.insert([200, 0]) == true)
        #expect(c.contains([100, 0]) && !c.contains([200, 0]))
        #expect(r.contains([200, 0]) && !r.contains([100, 0]))
        #expect(Set(lookup(c, columns: [1], key: [0])) == Set((0..<c.count).filter { c.value(row: $0, column: 1) == 0 }))
        #expect(Set(lookup(r, columns: [1], key: [0])) == Set((0..<r.count).filter { r.value(row: $0, column: 1) == 0 }))
        #expect(lookup(c, columns: [1], key: [0]).contains(20))
        #expect(r.value(row: 20, column: 0) == 200)
        #expect(c.value(row: 20, column: 0) == 100)
        _ = c.remove([0, 0])
        #expect(r.contains([0, 0]))
        #expect(r.sources == [0: [99]])
        #expect(c.sources == [:])
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func invariantsHoldAfterManyRandomInserts(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let arity = 3
        let r = Relation(arity: arity)
        var model = Set<[TermID]>()
        var order: [[TermID]] = []
        let indexColumns: [[Int]] = [[0], [1], [2], [0, 1], [0, 2], [1, 2]]
        for step in 0..<3000 {
            let tuple = (0..<arity).map { _ in TermID(rng.next() % 12) }
            let isNew = model.insert(tuple).inserted
            #expect(r.insert(tuple) == isNew)
            if isNew { order.append(tuple) }
            // Touch indexes now and then so they catch up in small and large steps.
            if step % 97 == 0 { _ = r.index(on: indexColumns[step % indexColumns.count]) }
            if step % 500 == 0 { r.catchUpIndexes() }
        }
        #expect(r.count == model.count)
        #expect(allRows(r) == order)
        for (i, row) in order.enumerated() {
            #expect(findRow(r, row) == i)
        }
        for columns in indexColumns {
            var byKey: [[TermID]: [Int]] = [:]
            for (i, row) in order.enumerated() { byKey[columns.map { row[$0] }, default: []].append(i) }
            for (key, rows) in byKey {
                let found = lookup(r, columns: columns, key: key)
                #expect(found.count == rows.count, "key \(key) on \(columns): duplicates or missing rows")
                #expect(Set(found) == Set(rows))
                #expect(found == found.sorted(by: >), "chains run newest first")
            }
        }
        // Keys that never occur find nothing.
        #expect(lookup(r, columns: [0], key: [500]) == [])
    }

    /// The set grows by half at 7/8 load and rebuilds from the rows; rows past a full group
    /// are found through its overflow count. Every arity, across many growths, after a
    /// reserve, and with a copy taken halfway.
    @Test(arguments: [1, 2, 4])
    func deduplicationSurvivesGrowthAtEveryArity(arity: Int) {
        var rng = SplitMix64(seed: UInt64(arity))
        let r = Relation(arity: arity)
        var model: [[TermID]: Int] = [:]
        var copy: Relation?
        var copied: [[TermID]: Int] = [:]
        var mismatches = 0
        for step in 0..<16_000 {
            if step == 4_000 { r.reserve(8_000) }
            if step == 10_000 {
                copy = r.copy()
                copied = model
            }
            let tuple = (0..<arity).map { _ in TermID(rng.next() % (arity == 1 ? 30_000 : 200)) }
            let isNew = model[tuple] == nil
            if isNew { model[tuple] = model.count }
            if r.insert(tuple) != isNew { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(r.count == model.count)
        #expect(model.allSatisfy { findRow(r, $0.key) == $0.value })
        #expect(findRow(r, Array(repeating: 999_999, count: arity)) == -1)
        if let copy {
            #expect(copy.count == copied.count)
            #expect(copied.allSatisfy { findRow(copy, $0.key) == $0.value })
        }
    }

    /// Grown by inserts alone, the set holds at most 1.5 / (7/8) slots per row: 9.2 bytes.
    @Test func deduplicationCostsAtMostNineBytesPerRow() {
        let r = Relation(arity: 2)
        for n in 1...20_000 {
            r.insert([TermID(n), TermID(n % 7)])
            if n % 1000 == 0 { #expect(r.set.memoryFootprint <= n * 64 * 3 / 2 * 8 / (12 * 7) + 192) }
        }
        // Rows spread over every group: few groups overflow even when the set is 7/8 full.
        #expect(r.set.overflowingGroups * 4 < r.set.memoryFootprint / 64)
    }

    /// Past a megabyte the rows move once into reserved address space and then grow in
    /// place; the block they left stays readable while `keepsReplacedBuffers` is set.
    @Test func largeRelationsGrowInPlaceAndKeepTheirOldBlockForReaders() {
        let r = Relation(arity: 2)
        r.keepsReplacedBuffers = true
        var before = r.base
        var moves = 0
        var heldRows: [(UnsafeMutablePointer<TermID>, Int)] = []
        for n in 0..<300_000 {
            r.insert([TermID(n), TermID(n &* 7)])
            if r.base != before {
                moves += 1
                heldRows.append((before, n))   // a reader's view: the rows before this insert
                before = r.base
            }
        }
        // Doubling until the reservation (from 8 rows to 131,072 = 1 MiB), then no more moves.
        #expect(moves <= 15)
        #expect(r.base == before)
        #expect(heldRows.last.map { $0.1 } ?? 0 < 300_000 / 2)
        for (block, rows) in heldRows {
            #expect(block[2 * (rows - 1)] == TermID(rows - 1))
            #expect(block[2 * (rows - 1) + 1] == TermID((rows - 1) &* 7))
        }
        r.releaseReplacedBuffers()
        #expect(r.value(row: 299_999, column: 1) == TermID(299_999 &* 7))
        #expect(findRow(r, [123_456, TermID(123_456 &* 7)]) == 123_456)
        #expect(r.copy().value(row: 250_000, column: 0) == 250_000)
    }

    /// Unchecked appends skip the deduplication set; the first lookup or insert rebuilds it.
    @Test func distinctAppendsBuildTheSetOnlyWhenNeeded() {
        let r = Relation(arity: 2)
        #expect(r.beginDistinctAppends())
        for i in 0..<5000 { [TermID(i), TermID(i + 1)].withUnsafeBufferPointer { r.appendDistinct($0) } }
        #expect(r.count == 5000)
        #expect(r.set.memoryFootprint == 64)
        #expect(findRow(r, [4321, 4322]) == 4321)
        #expect(r.set.memoryFootprint > 64 * 400)
        #expect(r.insert([7, 8]) == false)
        #expect(r.insert([8, 7]) == true)
        #expect(r.count == 5001)
        // Only an empty relation starts a run.
        #expect(!r.beginDistinctAppends())
        let s = Relation(arity: 1)
        #expect(s.beginDistinctAppends())
        [TermID(3)].withUnsafeBufferPointer { s.appendDistinct($0) }
        #expect(s.insert([3]) == false)
        #expect(s.copy().contains([3]))
    }
}

