import Foundation

extension Plot {
    /// The tick marks of one axis: major ticks (labelled) and minor ticks (not labelled).
    ///
    /// Linear axes step by "nice" numbers, 1, 2 or 5 times a power of ten, chosen as the smallest
    /// such step giving at most `target` intervals over the range; minor ticks divide a major step
    /// in 5 (steps 1 and 5) or 4 (step 2), as matplotlib's `AutoMinorLocator`. Log axes have major
    /// ticks at the powers of ten inside the range, labelled `10^{n}`, and minor ticks at 2..9 times
    /// them; a range with fewer than two powers of ten inside also labels 2 and 5 times them (as
    /// plain numbers), and one spanning more than eight decades labels every k-th decade only and
    /// leaves out the minor ticks beyond ten decades.
    public struct Ticks: Sendable, Equatable {
        /// Positions of the major ticks, in data units, ascending.
        public var major: [Double]
        /// The label of each major tick, in ``LaTeXLabel`` markup ("" for an unlabelled one).
        public var labels: [String]
        /// Positions of the minor ticks, in data units, ascending.
        public var minor: [Double]

        public init(major: [Double], labels: [String], minor: [Double]) {
            self.major = major
            self.labels = labels
            self.minor = minor
        }

        /// Ticks of a linear axis over `range`; none for an empty or non-finite range.
        public static func linear(_ range: ClosedRange<Double>, target: Int = 6) -> Ticks {
            let lo = range.lowerBound, hi = range.upperBound
            let span = hi - lo
            guard span > 0, span.isFinite, lo.isFinite, hi.isFinite else { return Ticks(major: [], labels: [], minor: []) }
            let raw = span / Double(max(target, 1))
            var exponent = (log10(raw)).rounded(.down)
            var mantissa = raw / pow(10, exponent)
            // Guard against log10 rounding: keep the mantissa in [1, 10).
            if mantissa >= 10 { exponent += 1; mantissa /= 10 }
            if mantissa < 1 { exponent -= 1; mantissa *= 10 }
            var nice: Double = mantissa <= 1 + 1e-9 ? 1 : mantissa <= 2 + 1e-9 ? 2 : mantissa <= 5 + 1e-9 ? 5 : 10
            if nice == 10 { nice = 1; exponent += 1 }
            let step = decimal(nice, exponent: Int(exponent))
            let subdivisions = nice == 2 ? 4 : 5
            let minorStep = step / Double(subdivisions)
            // Multiples of the minor step inside the range (with a tolerance for rounding).
            let tolerance = minorStep * 1e-6
            let first = ((lo - tolerance) / minorStep).rounded(.up)
            let last = ((hi + tolerance) / minorStep).rounded(.down)
            guard abs(first) < 1e12, abs(last) < 1e12, last - first < 10_000 else {
                return Ticks(major: [], labels: [], minor: [])
            }
            var major: [Double] = [], minor: [Double] = []
            for k in Int(first)...max(Int(first), Int(last)) where Double(k) <= last {
                if k % subdivisions == 0 {
                    major.append(decimal(nice * Double(k / subdivisions), exponent: Int(exponent)))
                } else {
                    minor.append(Double(k) * minorStep)
                }
            }
            return Ticks(major: major, labels: linearLabels(major, step: step), minor: minor)
        }

        /// Ticks of a log axis over `range`; none unless 0 < lower < upper, both finite.
        public static func log(_ range: ClosedRange<Double>) -> Ticks {
            let lo = range.lowerBound, hi = range.upperBound
            guard lo > 0, hi > lo, hi.isFinite else { return Ticks(major: [], labels: [], minor: []) }
            let inside = { (v: Double) in v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) }
            let decades = log10(hi) - log10(lo)
            let labelEvery = max(1, Int((decades / 8).rounded(.up)))
            let firstPower = Int(log10(lo).rounded(.down)) - 1
            let lastPower = Int(log10(hi).rounded(.up))
            var major: [Double] = [], labels: [String] = [], minor: [Double] = []
            for n in firstPower...lastPower {
                let power = decimal(1, exponent: n)
                if inside(power) {
                    major.append(power)
                    labels.append(n % labelEvery == 0 ? "10^{\(minusSign(String(n)))}" : "")
                }
                guard decades <= 10 else { continue }
                for m in 2...9 where inside(decimal(Double(m), exponent: n)) {
                    minor.append(decimal(Double(m), exponent: n))
                }
            }
            if major.count < 2 {
                // Too few decades to read the axis: label 2 and 5 times the powers of ten as well.
                let promoted = minor.filter { v in
                    let m = (v / pow(10, log10(v).rounded(.down))).rounded()
                    return m == 2 || m == 5
                }
                var all = zip(major, labels).map { ($0, $1) }
                all += promoted.map { ($0, plainLogLabel($0)) }
                all.sort { $0.0 < $1.0 }
                major = all.map(\.0)
                labels = all.map(\.1)
                minor.removeAll { promoted.contains($0) }
            }
            return Ticks(major: major, labels: labels, minor: minor)
        }

        /// m x 10^e as the double nearest to the decimal number (so 0.3 rather than 3 x 0.1).
        static func decimal(_ m: Double, exponent e: Int) -> Double {
            Double("\(m)e\(e)") ?? m * pow(10, Double(e))
        }

        /// Labels with the decimals the step needs; a common "x 10^{E}" factor on each label when
        /// the numbers are very large or very small.
        static func linearLabels(_ values: [Double], step: Double) -> [String] {
            let largest = values.map(abs).max() ?? 0
            let stepExponent = Int(log10(step).rounded(.down))
            if largest >= 1e5 || (largest > 0 && largest < 1e-3) {
                let e = Int(log10(largest).rounded(.down))
                let decimals = max(0, e - stepExponent)
                return values.map { v in
                    abs(v) < step * 1e-6 ? "0"
                        : minusSign(String(format: "%.\(decimals)f", v / pow(10, Double(e)))) + "\\times10^{\(minusSign(String(e)))}"
                }
            }
            let decimals = max(0, -stepExponent)
            return values.map { v in minusSign(String(format: "%.\(decimals)f", abs(v) < step * 1e-6 ? 0 : v)) }
        }

        /// A tick label of a log axis for a value that is not a power of ten (2 or 5 times one).
        static func plainLogLabel(_ v: Double) -> String {
            let e = Int(log10(v).rounded(.down))
            if (-3...4).contains(e) { return String(format: "%.\(max(0, -e))f", v) }
            return String(format: "%.0f", v / pow(10, Double(e))) + "\\times10^{\(minusSign(String(e)))}"
        }

        /// Replaces a leading hyphen by the typographic minus sign.
        static func minusSign(_ s: String) -> String {
            s.hasPrefix("-") ? "\u{2212}" + s.dropFirst() : s
        }
    }

    /// The ticks of an axis with the given scale over the given range.
    static func ticks(_ scale: Scale, _ range: ClosedRange<Double>) -> Ticks {
        switch scale {
        case .linear: .linear(range)
        case .log: .log(range)
        }
    }
}
