/// The real capacity limits of QR Code model 2 and Micro QR (ISO/IEC 18004), used to reject data that no
/// symbol can hold and to predict the symbol size the printer will choose.
enum QRCapacity {
    /// Data codewords of model 2 versions 1–40 (rows) at error-correction levels L, M, Q, H (columns).
    static let dataCodewords: [[Int]] = [
        [19, 16, 13, 9],
        [34, 28, 22, 16],
        [55, 44, 34, 26],
        [80, 64, 48, 36],
        [108, 86, 62, 46],
        [136, 108, 76, 60],
        [156, 124, 88, 66],
        [194, 154, 110, 86],
        [232, 182, 132, 100],
        [274, 216, 154, 122],
        [324, 254, 180, 140],
        [370, 290, 206, 158],
        [428, 334, 244, 180],
        [461, 365, 261, 197],
        [523, 415, 295, 223],
        [589, 453, 325, 253],
        [647, 507, 367, 283],
        [721, 563, 397, 313],
        [795, 627, 445, 341],
        [861, 669, 485, 385],
        [932, 714, 512, 406],
        [1006, 782, 568, 442],
        [1094, 860, 614, 464],
        [1174, 914, 664, 514],
        [1276, 1000, 718, 538],
        [1370, 1062, 754, 596],
        [1468, 1128, 808, 628],
        [1531, 1193, 871, 661],
        [1631, 1267, 911, 701],
        [1735, 1373, 985, 745],
        [1843, 1455, 1033, 793],
        [1955, 1541, 1115, 845],
        [2071, 1631, 1171, 901],
        [2191, 1725, 1231, 961],
        [2306, 1812, 1286, 986],
        [2434, 1914, 1354, 1054],
        [2566, 1992, 1426, 1096],
        [2702, 2102, 1502, 1142],
        [2812, 2216, 1582, 1222],
        [2956, 2334, 1666, 1276],
    ]

    /// Data bits of Micro QR M1–M4 at L, M, Q (0 where the level does not exist; M1 has error detection only,
    /// listed under L).
    static let microDataBits: [[Int]] = [
        [20, 0, 0],
        [40, 32, 0],
        [84, 68, 0],
        [128, 112, 80],
    ]

    /// The single encodation mode that fits the whole data most compactly.
    enum Mode {
        case numeric, alphanumeric, byte

        static func best(for bytes: [UInt8]) -> Mode {
            if bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return .numeric }
            let alphanumeric = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)
            if bytes.allSatisfy({ alphanumeric.contains($0) }) { return .alphanumeric }
            return .byte
        }

        func payloadBits(count: Int) -> Int {
            switch self {
            case .numeric: 10 * (count / 3) + [0, 4, 7][count % 3]
            case .alphanumeric: 11 * (count / 2) + 6 * (count % 2)
            case .byte: 8 * count
            }
        }

        /// The character-count field width for model 2 `version`.
        func countBits(version: Int) -> Int {
            let band = version <= 9 ? 0 : version <= 26 ? 1 : 2
            switch self {
            case .numeric: return [10, 12, 14][band]
            case .alphanumeric: return [9, 11, 13][band]
            case .byte: return [8, 16, 16][band]
            }
        }

        /// The character-count field width for Micro QR M`version`, or `nil` when the mode is not available.
        func microCountBits(version: Int) -> Int? {
            switch self {
            case .numeric: return version + 2
            case .alphanumeric: return version >= 2 ? version + 1 : nil
            case .byte: return version >= 3 ? version + 1 : nil
            }
        }
    }

    /// The smallest model 2 version (1–40) that holds `bytes` at `level`, encoded in one mode, or `nil`.
    ///
    /// Printers may mix modes and do slightly better; a single mode is the safe upper bound.
    static func minimumVersion(for bytes: [UInt8], level: QRCode.ErrorCorrection) -> Int? {
        let mode = Mode.best(for: bytes)
        for version in 1...40 {
            let needed = 4 + mode.countBits(version: version) + mode.payloadBits(count: bytes.count)
            if bytes.count < 1 << mode.countBits(version: version),
                needed <= dataCodewords[version - 1][level.index] * 8
            {
                return version
            }
        }
        return nil
    }

    /// The smallest Micro QR version (1–4) that holds `bytes` at `level`, or `nil`.
    static func minimumMicroVersion(for bytes: [UInt8], level: QRCode.ErrorCorrection) -> Int? {
        guard level.index < 3 else { return nil }
        let mode = Mode.best(for: bytes)
        for version in 1...4 {
            let capacity = microDataBits[version - 1][level.index]
            guard capacity > 0, let countBits = mode.microCountBits(version: version) else { continue }
            let needed = (version - 1) + countBits + mode.payloadBits(count: bytes.count)
            if bytes.count < 1 << countBits, needed <= capacity { return version }
        }
        return nil
    }

    /// The largest number of `mode` characters model 2 version 40 holds at `level`, for error messages.
    static func maximumCharacters(_ mode: Mode, level: QRCode.ErrorCorrection) -> Int {
        let bits = dataCodewords[39][level.index] * 8 - 4 - mode.countBits(version: 40)
        switch mode {
        case .numeric: return bits / 10 * 3 + (bits % 10 >= 7 ? 2 : bits % 10 >= 4 ? 1 : 0)
        case .alphanumeric: return bits / 11 * 2 + (bits % 11 >= 6 ? 1 : 0)
        case .byte: return bits / 8
        }
    }
}
