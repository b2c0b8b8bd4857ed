/// A deterministic random number generator (SplitMix64): the same seed gives the same numbers on every run
/// and every platform, so a test that draws random inputs fails the same way each time it fails.
///
/// ```swift
/// var generator = SeededRandomNumberGenerator(seed: 0x5EED_E5C0)
/// let bytes = (0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }
/// ```
public struct SeededRandomNumberGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
