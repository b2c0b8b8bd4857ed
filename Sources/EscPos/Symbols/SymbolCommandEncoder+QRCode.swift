// QR codes and Micro QR: `GS ( k` cn 49.

extension SymbolCommandEncoder {
    /// Encodes a QR code as `GS ( k` functions 165, 167, 169, 180 and 181.
    ///
    /// - Parameters:
    ///   - qrCode: The QR code.
    ///   - path: Where it is in its document, for error messages.
    ///   - currentAlignment: The alignment in effect before the code; it is restored afterwards.
    /// - Returns: The command bytes.
    /// - Throws: ``EscPosError``: `.invalidBarcodeData` (empty data), `.dataTooLong` (over the capacity of
    ///   the largest symbol at the chosen error correction), `.valueOutOfRange` (module size), `.doesNotFit`,
    ///   `.unsupportedByProfile`.
    public func encode(
        _ qrCode: QRCode,
        at path: DocumentPath = .root,
        currentAlignment: TextStyle.Alignment = .left
    ) throws -> [UInt8] {
        let moduleSize = try qrModuleSize(qrCode, at: path)
        let needed: TwoDimensionalSymbology = qrCode.model == .micro ? .microQRCode : .qrCode
        guard capabilities.twoDimensionalCodes.contains(needed) else {
            throw unsupported(needed, at: path)
        }
        let data = qrCode.content.bytes
        var bytes = alignmentPrefix(qrCode.alignment, current: currentAlignment)
        let model = qrCode.model == .micro ? TwoDimensionalCodeCommand.qrMicro : TwoDimensionalCodeCommand.qrModel2
        let level = TwoDimensionalCodeCommand.qrErrorCorrectionBase + UInt8(qrCode.errorCorrection.index)
        bytes += TwoDimensionalCodeCommand.command(.qrCode, TwoDimensionalCodeCommand.modelColumnsOrMode, [model, 0])
        bytes += TwoDimensionalCodeCommand.command(.qrCode, TwoDimensionalCodeCommand.moduleSize, [UInt8(moduleSize)])
        bytes += TwoDimensionalCodeCommand.command(.qrCode, TwoDimensionalCodeCommand.errorCorrection, [level])
        bytes += TwoDimensionalCodeCommand.storeCommand(.qrCode, data: data)
        bytes += TwoDimensionalCodeCommand.printCommand(.qrCode)
        bytes += alignmentSuffix(qrCode.alignment, current: currentAlignment)
        return bytes
    }

    /// The symbol's side in modules, after checking data and capacity.
    public func qrSymbolModules(_ qrCode: QRCode, at path: DocumentPath = .root) throws -> Int {
        let dataPath = path.appending("data")
        let data = qrCode.content.bytes
        guard !data.isEmpty else {
            throw EscPosError(.invalidBarcodeData, at: dataPath, "QR code data is empty; give at least one byte.")
        }
        switch qrCode.model {
        case .model2:
            guard let version = QRCapacity.minimumVersion(for: data, level: qrCode.errorCorrection) else {
                let mode = QRCapacity.Mode.best(for: data)
                let limit = QRCapacity.maximumCharacters(mode, level: qrCode.errorCorrection)
                let unit = mode == .byte ? "bytes" : mode == .numeric ? "digits" : "characters"
                throw EscPosError(
                    .dataTooLong,
                    at: dataPath,
                    "the QR code data is \(data.count) \(unit) (as UTF-8); at error correction "
                        + "\(qrCode.errorCorrection.rawValue) a QR code holds at most \(limit) \(unit). "
                        + "Shorten the data or lower the error correction."
                )
            }
            return 17 + 4 * version
        case .micro:
            guard let version = QRCapacity.minimumMicroVersion(for: data, level: qrCode.errorCorrection) else {
                throw EscPosError(
                    .dataTooLong,
                    at: dataPath,
                    "\(data.count) bytes do not fit a Micro QR symbol at error correction "
                        + "\(qrCode.errorCorrection.rawValue); Micro QR holds at most 35 digits, 21 letters or "
                        + "15 bytes (level low; high is not available). Use model 2."
                )
            }
            return 9 + 2 * version
        }
    }

    /// The module size to print with: the given one after the fit check, or the largest that fits for `.auto`.
    func qrModuleSize(_ qrCode: QRCode, at path: DocumentPath) throws -> Int {
        let modules = try qrSymbolModules(qrCode, at: path)
        let sizePath = path.appending("moduleSize")
        switch qrCode.moduleSize {
        case .auto:
            let size = min(16, capabilities.printableWidth / modules)
            guard size >= 1 else {
                throw EscPosError(
                    .doesNotFit,
                    at: sizePath,
                    "the QR code is \(modules) modules wide, more than the \(capabilities.printableWidth)-dot "
                        + "printable width; shorten the data or lower the error correction."
                )
            }
            return size
        case .dots(let size):
            guard (1...16).contains(size) else {
                throw EscPosError(
                    .valueOutOfRange,
                    at: sizePath,
                    "QR module size \(size) is out of range; use 1–16 dots or auto."
                )
            }
            guard modules * size <= capabilities.printableWidth else {
                throw EscPosError(
                    .doesNotFit,
                    at: sizePath,
                    "the QR code is \(modules) modules × \(size) dots = \(modules * size) dots wide but the printable "
                        + "width is \(capabilities.printableWidth) dots; use a module size of at most "
                        + "\(max(1, capabilities.printableWidth / modules)) or auto."
                )
            }
            return size
        }
    }
}
