/// The hash of a row of term ids, shared by the dedup set and the indexes.
///
/// A multiply-rotate mix (FxHash style): cheap, and good enough on dense dictionary ids.
@inlinable @inline(__always)
public func mixHash(_ h: UInt64, _ x: TermID) -> UInt64 {
    ((h &<< 5) | (h &>> 59)) ^ UInt64(x) &* 0x9E37_79B9_7F4A_7C15
}

@inlinable @inline(__always)
public func finishHash(_ h: UInt64) -> Int {
    Int(truncatingIfNeeded: (h ^ (h &>> 29)) &* 0xBF58_476D_1CE4_E5B9 ^ (h &>> 32))
}
