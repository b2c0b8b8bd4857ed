// Checks that need no printer profile: ranges and shapes. The compiler runs them for DSL-built
// documents; the JSON decoder runs them as it reads, so an error names the field it came from.

extension Block {
    /// Checks this block's own fields (not its children's) against the ranges the commands allow.
    ///
    /// - Throws: ``EscPosError`` naming the field under `path`.
    public func validateElement(at path: @autoclosure () -> DocumentPath) throws(EscPosError) {
        switch self {
        case .text(let text):
            try text.style.validate(at: path())
        case .group(let group):
            try group.style.validate(at: path())
        case .rule(let rule):
            try rule.style.validate(at: path())
            if CharacterWidth.columns(of: rule.character) != 1 {
                throw EscPosError(
                    .valueOutOfRange,
                    at: path().appending("character"),
                    "a rule character must take exactly one column; \"\(rule.character)\" does not."
                )
            }
        case .columns(let columns):
            try columns.style.validate(at: path())
            if columns.columns.isEmpty {
                throw EscPosError(
                    .invalidDocument,
                    at: path().appending("columns"),
                    "a columns block needs at least one column."
                )
            }
            if !(0...32).contains(columns.spacing) {
                throw EscPosError(
                    .valueOutOfRange,
                    at: path().appending("spacing"),
                    "column spacing \(columns.spacing) is out of range; use 0–32."
                )
            }
            for (index, column) in columns.columns.enumerated() {
                func columnPath() -> DocumentPath { path().appending("columns").appending(index: index) }
                switch column.width {
                case .fixed(let width) where !(1...Column.Width.maximumFixedWidth).contains(width):
                    throw EscPosError(
                        .valueOutOfRange,
                        at: columnPath().appending("width"),
                        "a column width of \(width) characters is out of range; use 1–\(Column.Width.maximumFixedWidth)."
                    )
                case .flexible(let weight) where !(1...Column.Width.maximumWeight).contains(weight):
                    throw EscPosError(
                        .valueOutOfRange,
                        at: columnPath().appending("weight"),
                        "a column weight must be 1–\(Column.Width.maximumWeight), not \(weight)."
                    )
                default:
                    break
                }
            }
        case .keyValue(let keyValue):
            try keyValue.style.validate(at: path())
            if CharacterWidth.columns(of: keyValue.leader) != 1 {
                throw EscPosError(
                    .valueOutOfRange,
                    at: path().appending("leader"),
                    "a leader character must take exactly one column; \"\(keyValue.leader)\" does not."
                )
            }
        case .feed(let feed):
            switch feed.amount {
            case .lines(let lines) where !(0...1000).contains(lines):
                throw EscPosError(
                    .valueOutOfRange,
                    at: path().appending("lines"),
                    "feed of \(lines) lines is out of range; use 0–1000."
                )
            case .dots(let dots) where !(0...10000).contains(dots):
                throw EscPosError(
                    .valueOutOfRange,
                    at: path().appending("dots"),
                    "feed of \(dots) dots is out of range; use 0–10000."
                )
            default:
                break
            }
        case .cut:
            break
        case .drawerPulse(let pulse):
            func check(_ value: Int, _ key: String) throws(EscPosError) {
                guard (2...510).contains(value) else {
                    throw EscPosError(
                        .valueOutOfRange,
                        at: path().appending(key),
                        "a drawer pulse time of \(value) ms is out of range; use 2–510 ms (the printer counts in 2 ms steps)."
                    )
                }
            }
            try check(pulse.onMilliseconds, "onMilliseconds")
            try check(pulse.offMilliseconds, "offMilliseconds")
        case .buzzer(let buzzer):
            if !(1...9).contains(buzzer.times) {
                throw EscPosError(
                    .valueOutOfRange,
                    at: path().appending("times"),
                    "buzzer count \(buzzer.times) is out of range; use 1–9."
                )
            }
            if !(1...9).contains(buzzer.duration) {
                throw EscPosError(
                    .valueOutOfRange,
                    at: path().appending("duration"),
                    "buzzer duration \(buzzer.duration) is out of range; use 1–9 (units of 50 ms)."
                )
            }
        case .raw:
            break
        case .image(let image):
            try image.validate(at: path())
        case .barcode, .qrCode, .pdf417, .dataMatrix, .aztecCode, .maxiCode:
            try symbol?.validate(at: path())
        }
    }
}
