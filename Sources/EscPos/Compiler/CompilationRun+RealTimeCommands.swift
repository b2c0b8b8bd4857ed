// Printers act on real-time commands the moment they receive them, wherever they are in the stream: inside
// a QR code's data or an image's bits too (Epson's ESC/POS reference, DLE DC4 and GS ( D). A document can
// therefore carry `10 14 02 01 08` (power off) or `10 14 01 00 05` (drawer pulse) in a symbol's bytes. After
// each image or symbol block the compiler looks at what it emitted; where the profile has `GS ( D` it
// switches the commands off around the block, otherwise it warns (strict mode: refuses).

/// A real-time command found inside image or symbol data.
struct EmbeddedRealTimeCommand: Hashable {
    enum Kind: Hashable {
        /// `DLE DC4 1 m t`: a drawer-kick pulse. `GS ( D` a = 1 switches it off.
        case pulse
        /// `DLE DC4 2 1 8`: the power-off sequence. `GS ( D` a = 2 switches it off.
        case powerOff
        /// `DLE DC4 8 1 3 20 1 6 2 8`: clear the buffers. No `GS ( D` switch exists.
        case clearBuffers
        /// `DLE ENQ 1|2`: recover from an error (2 also clears the buffers). No `GS ( D` switch exists.
        case recover

        /// The `GS ( D` type number that switches this command off, if there is one.
        var gsDType: UInt8? {
            switch self {
            case .pulse: 1
            case .powerOff: 2
            case .clearBuffers, .recover: nil
            }
        }

        var name: String {
            switch self {
            case .pulse: "DLE DC4 1 (drawer pulse)"
            case .powerOff: "DLE DC4 2 (power off)"
            case .clearBuffers: "DLE DC4 8 (clear buffers)"
            case .recover: "DLE ENQ (error recovery)"
            }
        }
    }

    var kind: Kind
    /// Where the command starts, counted from the start of the scanned bytes.
    var offset: Int

    /// Every real-time command with an effect on paper or device in `bytes`, matched on its whole form, so
    /// that ordinary image bits (which contain `10 14` now and then) are not taken for one.
    static func find(in bytes: ArraySlice<UInt8>) -> [EmbeddedRealTimeCommand] {
        var found: [EmbeddedRealTimeCommand] = []
        var index = bytes.startIndex
        while let dle = bytes[index...].firstIndex(of: ControlCode.dle) {
            let rest = bytes[(dle + 1)...]
            if let kind = match(rest) {
                found.append(EmbeddedRealTimeCommand(kind: kind, offset: dle - bytes.startIndex))
            }
            index = dle + 1
            if index >= bytes.endIndex { break }
        }
        return found
    }

    private static func match(_ rest: ArraySlice<UInt8>) -> Kind? {
        func starts(_ prefix: [UInt8]) -> Bool { rest.starts(with: prefix) }
        let command = DLEFunction.command.rawValue
        if starts([command, RealTimeFunction.drawerPulse]), rest.count >= 4 {
            let m = rest[rest.startIndex + 2]
            let t = rest[rest.startIndex + 3]
            if m <= 1, (1...8).contains(t) { return .pulse }
        }
        if starts([command] + RealTimeFunction.powerOffSequence) { return .powerOff }
        if starts([command] + RealTimeFunction.clearBuffersSequence) { return .clearBuffers }
        let request = DLEFunction.request.rawValue
        if starts([request, 0x01]) || starts([request, 0x02]) { return .recover }
        return nil
    }
}

extension CompilationRun {
    /// Makes the bytes emitted since `start` (one image or symbol block) safe from embedded real-time commands.
    ///
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/realTimeCommandInData`` in strict mode when a
    ///   command cannot be switched off on this printer.
    mutating func guardRealTimeCommands(
        emittedFrom start: Int,
        path: @autoclosure () -> DocumentPath
    ) throws(EscPosError) {
        let found = EmbeddedRealTimeCommand.find(in: output[start...])
        guard !found.isEmpty else { return }
        let kinds = Set(found.map(\.kind))
        let switchable = profile.capabilities.realTimeCommandControl ? kinds.filter { $0.gsDType != nil } : []
        if !switchable.isEmpty {
            let types = switchable.compactMap(\.gsDType).sorted()
            // GS ( D pL pH 20 [a b]...: b = 0 off before the data; afterwards back to the power-on settings
            // (drawer pulse processed, power off not).
            func command(enabled: (UInt8) -> UInt8) -> [UInt8] {
                var parameters = [GSExtendedFunction.realTimeCommandControlFunction]
                for type in types { parameters += [type, enabled(type)] }
                return GSExtendedFunction.realTimeCommandControl.command(parameters)
            }
            output.insert(contentsOf: command { _ in 0 }, at: start)
            output.append(contentsOf: command { $0 == 1 ? 1 : 0 })
        }
        let remaining = kinds.subtracting(switchable)
        guard !remaining.isEmpty else { return }
        let names = remaining.map(\.name).sorted().joined(separator: ", ")
        let first = found.first { remaining.contains($0.kind) }?.offset ?? 0
        let reason =
            profile.capabilities.realTimeCommandControl
            ? "no GS ( D switch exists for it"
            : "\(profile.name) has no GS ( D to switch real-time commands off"
        let message =
            "the data of this block contains the real-time command \(names) (at byte \(first) of its commands), "
            + "which the printer runs even inside other data, and \(reason); change the data (a QR code's text, "
            + "an image's pixels) or print on a profile with realTimeCommandControl."
        if strict { throw EscPosError(.realTimeCommandInData, at: path(), message) }
        warnings.append(CompileWarning(.realTimeCommandInData, at: path(), message))
    }
}
