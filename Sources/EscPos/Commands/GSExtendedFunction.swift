/// The function byte after `GS (` (and `GS 8`): which family of extended functions follows.
package enum GSExtendedFunction: UInt8, Sendable {
    /// `GS ( D pL pH 20 [a b]…`: enable (b 1) or disable (b 0) real-time command a (1 drawer pulse,
    /// 2 power off).
    case realTimeCommandControl = 0x44
    /// `GS ( H`: request a response (function 48: the process ID response).
    case responseRequest = 0x48
    /// `GS ( L` / `GS 8 L`: graphics; see ``GraphicsFunction``.
    case graphics = 0x4C
    /// `GS ( k`: 2D codes; see ``TwoDimensionalCodeCommand``.
    case twoDimensionalCode = 0x6B

    /// The family's name: `GS ( k`.
    package var mnemonic: String {
        switch self {
        case .realTimeCommandControl: "GS ( D"
        case .responseRequest: "GS ( H"
        case .graphics: "GS ( L"
        case .twoDimensionalCode: "GS ( k"
        }
    }

    /// The name of the 32-bit-length form: `GS 8 L`.
    package var longMnemonic: String {
        switch self {
        case .realTimeCommandControl: "GS 8 D"
        case .responseRequest: "GS 8 H"
        case .graphics: "GS 8 L"
        case .twoDimensionalCode: "GS 8 k"
        }
    }

    /// The `m` byte of `GS ( D` (fn 20) that the enable/disable pairs follow.
    package static let realTimeCommandControlFunction: UInt8 = 0x14

    /// `GS ( fn pL pH` followed by `parameters`, with the 16-bit length `pL pH` counted from `parameters`.
    ///
    /// Every `GS (` command's length is computed here, so none is written out by hand.
    ///
    /// - Precondition: `parameters` holds at most 65 535 bytes.
    package func command(_ parameters: [UInt8]) -> [UInt8] {
        var bytes = header(parameterLength: parameters.count)
        bytes += parameters
        return bytes
    }

    /// `GS ( fn pL pH` for `parameterLength` bytes of parameters that the caller appends.
    ///
    /// - Precondition: `parameterLength` is at most 65 535.
    package func header(parameterLength: Int) -> [UInt8] {
        precondition((0...0xFFFF).contains(parameterLength), "GS ( takes at most 65 535 parameter bytes")
        return [
            ControlCode.gs, GSFunction.extended.rawValue, rawValue, UInt8(parameterLength & 0xFF),
            UInt8(parameterLength >> 8),
        ]
    }

    /// `GS 8 fn p1 p2 p3 p4` for `parameterLength` bytes of parameters: the 32-bit length form.
    package func longHeader(parameterLength: Int) -> [UInt8] {
        precondition((0...0xFFFF_FFFF).contains(parameterLength), "GS 8 takes at most 4 294 967 295 bytes")
        var bytes = [ControlCode.gs, GSFunction.extendedLong.rawValue, rawValue]
        for shift in stride(from: 0, to: 32, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: parameterLength >> shift))
        }
        return bytes
    }
}
