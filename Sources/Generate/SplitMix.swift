#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small deterministic generator (SplitMix64): the same seed gives the same
/// sequence on every run and thread count.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for stream `stream` of `seed` (e.g. one per row group).
    init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform integer in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(unit(), 0x1p-53)
        let v = unit()
        return sqrt(-2 * log(u)) * cos(2 * Double.pi * v)
    }
}

/// Picks indices with given weights in O(log n) (cumulative table).
struct WeightedChoice {
    private let cumulative: [Double]

    init(_ weights: [Double]) {
        var running = 0.0
        var table: [Double] = []
        for weight in weights {
            running += weight
            table.append(running)
        }
        cumulative = table.map { $0 / running }
    }

    func pick(_ random: inout SplitMix) -> Int {
        let target = random.unit()
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] <= target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
